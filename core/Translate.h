#pragma once

#include <QCoreApplication>
#include <QString>

// The tr() of a file of free functions, for use inside its anonymous namespace: its texts go
// under `context`, as a class's tr() puts them under the class (Q_DECLARE_TR_FUNCTIONS).
#define SALVO_FILE_TR(context) \
    QString tr(const char *text) \
    { \
        return QCoreApplication::translate(context, text); \
    }
