#pragma once

#include <QLoggingCategory>

// One category per subsystem: QT_LOGGING_RULES="salvo.engine.debug=true" shows each request.
Q_DECLARE_LOGGING_CATEGORY(lcBatch)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcCli)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
