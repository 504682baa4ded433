#pragma once
// Addressing one setting of an experiment file by its path: "optimizer.lr", "data.train_fraction",
// "model.hidden" (the whole list) or "model.hidden[1]" (one entry). A sweep sets a value there
// and reads the experiment back through the experiment parser, so the swept run is validated
// exactly as a file written by hand would be.
#include <nlohmann/json.hpp>
#include <string>

namespace losslab {

// The value at `path` in a complete experiment document (toJson of a config: every key written
// out). Throws InputError naming `field` (e.g. "axes[0].path") if the path is malformed, names
// no setting of the document (listing the keys that exist there), or names a whole object,
// "format" or "seed" (seeds are swept by the sweep's own "seeds").
const nlohmann::json& settingAt(const nlohmann::json& experiment, const std::string& path,
                                const std::string& field);

// A copy of `experiment` with `value` at `path`. A number given for a list of numbers sets every
// entry ("model.hidden": 128 makes every hidden layer 128 wide, keeping the depth).
nlohmann::json withSetting(const nlohmann::json& experiment, const std::string& path,
                           const nlohmann::json& value, const std::string& field);

}  // namespace losslab
