#pragma once
// qcustomplot.h (2.1) is written with Qt's keyword macros `signals` and `foreach`, which
// QT_NO_KEYWORDS removes (docs/DESIGN.md: oneTBB needs it). Lend them back for this one include.
#include <QtGlobal>

#if !defined(signals)
#define signals Q_SIGNALS
#define LOSSLAB_LENT_SIGNALS
#endif
#if !defined(foreach)
#define foreach Q_FOREACH
#define LOSSLAB_LENT_FOREACH
#endif

#include <qcustomplot.h>

#if defined(LOSSLAB_LENT_SIGNALS)
#undef signals
#undef LOSSLAB_LENT_SIGNALS
#endif
#if defined(LOSSLAB_LENT_FOREACH)
#undef foreach
#undef LOSSLAB_LENT_FOREACH
#endif
