#pragma once

// Test helpers for Expected<T>: a failure prints the Error's sentence, so a failed test says
// why, not only that it failed.

#include <QTest>

#include "Expected.h"

// Verifies that an Expected holds a value; else fails with its error's message.
#define QVERIFY_RESULT(expression) \
    do { \
        const auto &salvoResult = (expression); \
        QVERIFY2(bool(salvoResult), \
                 qPrintable(salvoResult ? QString() : salvoResult.error().message)); \
    } while (false)

// Verifies that an Expected holds an error whose message contains `words`; else fails saying
// what it held.
#define QVERIFY_ERROR_SAYS(expression, words) \
    do { \
        const auto &salvoResult = (expression); \
        QVERIFY2(!salvoResult, "a value, where an error was expected"); \
        QVERIFY2(salvoResult.error().message.contains(words), \
                 qPrintable(salvoResult.error().message)); \
    } while (false)
