#include "Logging.h"

Q_LOGGING_CATEGORY(lcBatch, "salvo.batch", QtWarningMsg)
Q_LOGGING_CATEGORY(lcEngine, "salvo.engine", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCli, "salvo.cli", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "salvo.store", QtWarningMsg)
