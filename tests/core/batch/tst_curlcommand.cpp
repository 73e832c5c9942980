// curlCommand: what "Copy as curl command" puts on the clipboard. Each case is run through
// a real POSIX shell (sh -c 'printf ...') to prove the quoting gives curl the arguments
// Salvo meant.

#include <QProcess>
#include <QTest>

#include "batch/CurlCommand.h"

using namespace Qt::StringLiterals;
using salvo::curlCommand;

namespace {

// The arguments a shell passes to the command, one per line, with "curl" swapped for a
// printer of its arguments.
QStringList argumentsAsTheShellSeesThem(const QString &command)
{
    QProcess shell;
    const QString printer
            = u"printargs() { for a in \"$@\"; do printf '%s\\n--\\n' \"$a\"; done; }; "_s;
    shell.start(u"/bin/sh"_s, {u"-c"_s, printer + u"printargs"_s + command.mid(4)});
    shell.waitForFinished(10000);
    QStringList arguments = QString::fromUtf8(shell.readAllStandardOutput()).split(u"\n--\n"_s);
    arguments.removeAll(QString());
    return arguments;
}

} // namespace

class TestCurlCommand final : public QObject
{
    Q_OBJECT

private slots:
    void plainGet()
    {
        QCOMPARE(curlCommand("GET", u"https://a.example/x?q=1&r=2"_s),
                 u"curl 'https://a.example/x?q=1&r=2'"_s);
    }

    void headUsesTheHeadOption()
    {
        QCOMPARE(curlCommand("HEAD", u"https://a.example/"_s),
                 u"curl --head 'https://a.example/'"_s);
    }

    void methodHeadersAndBody()
    {
        QCOMPARE(
                curlCommand("POST", u"https://a.example/items"_s,
                            {{"Content-Type", "application/json"}, {"X-Trace", "7"}},
                            R"({"a": 1})"),
                uR"(curl -X POST -H 'Content-Type: application/json' -H 'X-Trace: 7' --data-binary '{"a": 1}' 'https://a.example/items')"_s);
    }

    void hostileTextStaysOneArgument()
    {
        const QString url = u"https://a.example/it's;$(rm -rf ~)`x`"_s;
        const QByteArray body = "O'Reilly \"quoted\" $HOME\nsecond line";
        const QString command = curlCommand("PUT", url, {{"X-Note", "it's"}}, body);
        QCOMPARE(argumentsAsTheShellSeesThem(command),
                 (QStringList{u"-X"_s, u"PUT"_s, u"-H"_s, u"X-Note: it's"_s, u"--data-binary"_s,
                              QString::fromUtf8(body), url}));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
