#include <QSet>
#include <QTest>

#include "result/ErrorKind.h"
#include "result/ErrorMessages.h"

using namespace Qt::StringLiterals;
using salvo::ErrorContext;
using salvo::ErrorKind;
using salvo::TimeoutKind;

namespace {

QList<ErrorKind> kindsButNone()
{
    QList<ErrorKind> kinds;
    for (int i = 1; i < salvo::errorKindCount; ++i)
        kinds.append(static_cast<ErrorKind>(i));
    return kinds;
}

// What the engine knows when a request to a host fails.
ErrorContext engineContext()
{
    return ErrorContext{.host = u"api.example.com"_s,
                        .scheme = u"ftp"_s,
                        .timeout = TimeoutKind::Deadline,
                        .timeoutMs = 30'000,
                        .bytesReceived = 0,
                        .redirectLimit = 10,
                        .detail = QString()};
}

} // namespace

class TestErrorKind final : public QObject
{
    Q_OBJECT

private slots:
    void namesAreTheExactList();
    void timeoutNamesRoundTrip();
    void nameRoundTrips_data();
    void nameRoundTrips();
    void unknownNameIsOther_data();
    void unknownNameIsOther();
    void noneHasNoNameLabelOrSentence();
    void everyKindHasLabelAndSentence_data();
    void everyKindHasLabelAndSentence();
    void labelsAreDistinct();
    void sentencesUseTheContext_data();
    void sentencesUseTheContext();
    void timeoutSentenceNamesTimerAndSeconds_data();
    void timeoutSentenceNamesTimerAndSeconds();
};

void TestErrorKind::namesAreTheExactList()
{
    QStringList names;
    for (const ErrorKind kind : kindsButNone())
        names.append(salvo::errorKindName(kind));

    QCOMPARE(names,
             (QStringList{u"invalid_url"_s, u"unsupported_scheme"_s, u"dns"_s,
                          u"connection_refused"_s, u"connection_reset"_s, u"tls"_s, u"timeout"_s,
                          u"too_many_redirects"_s, u"cancelled"_s, u"protocol"_s, u"proxy"_s,
                          u"sign_in"_s, u"other"_s}));
}

void TestErrorKind::nameRoundTrips_data()
{
    QTest::addColumn<ErrorKind>("kind");

    for (const ErrorKind kind : kindsButNone())
        QTest::newRow(qPrintable(salvo::errorKindName(kind))) << kind;
}

void TestErrorKind::nameRoundTrips()
{
    QFETCH(ErrorKind, kind);

    const QString name = salvo::errorKindName(kind);
    QVERIFY(!name.isEmpty());
    QCOMPARE(salvo::errorKindName(salvo::errorKindFromName(name)), name);
    QCOMPARE(salvo::errorKindFromName(name), kind);
}

void TestErrorKind::unknownNameIsOther_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("empty") << QString();
    QTest::newRow("unknown") << u"teapot"_s;
    QTest::newRow("label instead of name") << u"Connection refused"_s;
    QTest::newRow("name with a space") << u"dns "_s;
}

void TestErrorKind::unknownNameIsOther()
{
    QFETCH(QString, name);

    QCOMPARE(salvo::errorKindName(salvo::errorKindFromName(name)), u"other"_s);
}

void TestErrorKind::noneHasNoNameLabelOrSentence()
{
    QCOMPARE(salvo::errorKindName(ErrorKind::None), QString());
    QCOMPARE(salvo::errorKindLabel(ErrorKind::None), QString());
    QCOMPARE(salvo::describeError(ErrorKind::None, engineContext()), QString());
}

void TestErrorKind::everyKindHasLabelAndSentence_data()
{
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<ErrorContext>("context");

    for (const ErrorKind kind : kindsButNone()) {
        const QString name = salvo::errorKindName(kind);
        QTest::addRow("%s, engine context", qPrintable(name)) << kind << engineContext();
        QTest::addRow("%s, empty context", qPrintable(name)) << kind << ErrorContext();
    }
}

void TestErrorKind::everyKindHasLabelAndSentence()
{
    QFETCH(ErrorKind, kind);
    QFETCH(ErrorContext, context);

    const QString label = salvo::errorKindLabel(kind);
    QVERIFY(!label.trimmed().isEmpty());
    // A label is words a person knows, not a protocol's initials ("TLS"); the machine name is
    // for that.
    QVERIFY2(label != label.toUpper(), qPrintable(label));

    const QString sentence = salvo::describeError(kind, context);
    QVERIFY2(sentence.size() > 10, qPrintable(sentence));
    QVERIFY2(sentence.endsWith(u'.'), qPrintable(sentence));
    QVERIFY2(sentence.front().isUpper() || sentence.startsWith(context.host)
                     || sentence.startsWith(u"the server"_s),
             qPrintable(sentence));
    QVERIFY2(!sentence.contains(u'%'), qPrintable(sentence)); // every placeholder filled
}

void TestErrorKind::labelsAreDistinct()
{
    QSet<QString> labels;
    for (const ErrorKind kind : kindsButNone())
        labels.insert(salvo::errorKindLabel(kind));

    QCOMPARE(labels.size(), kindsButNone().size());
}

void TestErrorKind::sentencesUseTheContext_data()
{
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<ErrorContext>("context");
    QTest::addColumn<QString>("mentioned");

    ErrorContext context = engineContext();
    QTest::newRow("dns names the host") << ErrorKind::Dns << context << u"api.example.com"_s;
    QTest::newRow("refused names the host")
            << ErrorKind::ConnectionRefused << context << u"api.example.com"_s;
    QTest::newRow("unsupported scheme names it")
            << ErrorKind::UnsupportedScheme << context << u"\"ftp:\""_s;
    QTest::newRow("redirects name the limit") << ErrorKind::TooManyRedirects << context << u"10"_s;
    context.bytesReceived = 1234;
    QTest::newRow("reset names the bytes")
            << ErrorKind::ConnectionReset << context << u"1234 bytes"_s;
    ErrorContext post = engineContext();
    post.notResentMethod = u"POST"_s;
    QTest::newRow("a POST closed before answering")
            << ErrorKind::ConnectionReset << post
            << u"api.example.com closed the connection before answering. Salvo did not send this "
               "POST again by itself, because sending a POST twice could do what it asks twice."_s;
    context.detail = u"the certificate has expired"_s;
    QTest::newRow("tls gives the detail")
            << ErrorKind::Tls << context << u"the certificate has expired"_s;
    context.detail = u"it is empty"_s;
    QTest::newRow("invalid url gives the detail")
            << ErrorKind::InvalidUrl << context << u"it is empty"_s;
}

void TestErrorKind::sentencesUseTheContext()
{
    QFETCH(ErrorKind, kind);
    QFETCH(ErrorContext, context);
    QFETCH(QString, mentioned);

    const QString sentence = salvo::describeError(kind, context);
    QVERIFY2(sentence.contains(mentioned), qPrintable(sentence));
}

void TestErrorKind::timeoutSentenceNamesTimerAndSeconds_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("seconds");

    QTest::newRow("whole seconds") << qint64(30'000) << u"30 s"_s;
    QTest::newRow("one second") << qint64(1'000) << u"1 s"_s;
    QTest::newRow("a second and a half") << qint64(1'500) << u"1.5 s"_s;
    QTest::newRow("a quarter second") << qint64(250) << u"0.25 s"_s;
    QTest::newRow("milliseconds") << qint64(1'234) << u"1.234 s"_s;
    QTest::newRow("one millisecond") << qint64(1) << u"0.001 s"_s;
    QTest::newRow("long, whole seconds") << qint64(86'400'000) << u"86400 s"_s;
    QTest::newRow("long, fraction") << qint64(1'000'500) << u"1000.5 s"_s;
}

void TestErrorKind::timeoutSentenceNamesTimerAndSeconds()
{
    QFETCH(qint64, ms);
    QFETCH(QString, seconds);

    ErrorContext context = engineContext();
    context.timeoutMs = ms;
    context.timeout = TimeoutKind::Deadline;
    const QString deadline = salvo::describeError(ErrorKind::Timeout, context);
    context.timeout = TimeoutKind::Inactivity;
    const QString inactivity = salvo::describeError(ErrorKind::Timeout, context);

    QVERIFY2(deadline.contains(u' ' + seconds), qPrintable(deadline));
    QVERIFY2(inactivity.contains(u' ' + seconds), qPrintable(inactivity));
    QVERIFY2(deadline.contains(u"deadline"_s), qPrintable(deadline));
    QVERIFY2(inactivity.contains(u"inactivity"_s), qPrintable(inactivity));
    QVERIFY(deadline != inactivity);
}

void TestErrorKind::timeoutNamesRoundTrip()
{
    using salvo::TimeoutKind;
    QCOMPARE(salvo::timeoutKindName(TimeoutKind::None), QString());
    QCOMPARE(salvo::timeoutKindName(TimeoutKind::Deadline), QStringLiteral("deadline"));
    QCOMPARE(salvo::timeoutKindName(TimeoutKind::Inactivity), QStringLiteral("inactivity"));
    for (const TimeoutKind kind :
         {TimeoutKind::None, TimeoutKind::Deadline, TimeoutKind::Inactivity})
        QCOMPARE(salvo::timeoutKindFromName(salvo::timeoutKindName(kind)), kind);
    QCOMPARE(salvo::timeoutKindFromName(u"later"), TimeoutKind::None);
}

QTEST_GUILESS_MAIN(TestErrorKind)
#include "tst_errorkind.moc"
