// RunDefaults: the run defaults survive a real INI file, and whatever a hand-edited or
// older file holds comes back inside the ranges the window and the engine accept.

#include <limits>
#include <memory>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "RunOptionsText.h"
#include "desktop/RunDefaults.h"

using namespace salvo;
using salvo::loadRunDefaults;
using salvo::saveRunDefaults;

namespace {

// RunOptions' own defaults with one change, for the expected column.
template<typename Change>
RunOptions factoryWith(Change change)
{
    RunOptions options;
    change(options);
    return options;
}

} // namespace

// One row of the stored-text test: the lines under [defaults] and what they load as.
struct StoredCase
{
    QByteArray lines;
    RunOptions expected;
};
Q_DECLARE_METATYPE(StoredCase)

class TestRunDefaults final : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void missingFileGivesFactoryDefaults();
    void roundTrip();
    void savesUnderTheDefaultsGroup();
    void storedText_data();
    void storedText();
    void saveClampsOutOfRangeValues();
    void retentionRoundTripsAndIsHeldToItsRange();
    void notifySettingsRoundTrip();

private:
    QString iniPath() const { return m_dir->filePath(QStringLiteral("salvo.ini")); }
    void writeIni(const QByteArray &text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

// A new folder for every test and row: QSettings caches a file by path and may miss a
// rewrite of the same size within the same second.
void TestRunDefaults::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRunDefaults::writeIni(const QByteArray &text) const
{
    QFile file(iniPath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(text), text.size());
}

void TestRunDefaults::missingFileGivesFactoryDefaults()
{
    const QSettings settings(iniPath(), QSettings::IniFormat);
    QCOMPARE(describeRunOptions(loadRunDefaults(settings)), describeRunOptions(RunOptions{}));
}

void TestRunDefaults::roundTrip()
{
    RunOptions saved;
    saved.concurrency = 200;
    saved.perHostConcurrency = 3;
    saved.deadline = Milliseconds(45'000);
    saved.inactivity = Milliseconds(7'000);
    saved.retries = 4;
    saved.followRedirects = false;
    saved.maxRedirects = 2;
    saved.maxBodyBytes = 512 * 1024;
    saved.keepBodies = false;
    saved.verifyTls = false;
    saved.keepCookies = true;
    saved.ratePerSecond = 20.5;
    saved.ratePerHostPerSecond = 2;
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        saveRunDefaults(settings, saved);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }
    const QSettings settings(iniPath(), QSettings::IniFormat);
    QCOMPARE(describeRunOptions(loadRunDefaults(settings)), describeRunOptions(saved));
}

void TestRunDefaults::savesUnderTheDefaultsGroup()
{
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        saveRunDefaults(settings, RunOptions{});
    }
    QSettings settings(iniPath(), QSettings::IniFormat);
    QCOMPARE(settings.childGroups(), QStringList{QStringLiteral("defaults")});
    settings.beginGroup(QStringLiteral("defaults"));
    QCOMPARE(settings.childKeys().size(), 13);
    QCOMPARE(settings.value(QStringLiteral("timeoutSeconds")).toInt(), 30);
}

void TestRunDefaults::storedText_data()
{
    QTest::addColumn<StoredCase>("row");
    const auto row = [](const char *name, const char *lines, RunOptions expected) {
        QTest::newRow(name) << StoredCase{QByteArray(lines), expected};
    };
    const RunOptions factory;

    // Unreadable values: RunOptions' own.
    row("word", "concurrency=lots", factory);
    row("empty", "perHost=", factory);
    row("fraction", "timeoutSeconds=12.5", factory);
    row("list", "retries=1, 2", factory);
    row("overflow", "maxBodyBytes=99999999999999999999999999", factory);
    row("size with unit", "maxBodyBytes=1M", factory);
    row("invalid variant", "inactivitySeconds=@Invalid()", factory);
    row("bool as maybe", "followRedirects=maybe", factory);
    row("bool as 2", "keepBodies=2", factory);
    // QVariant would read "nope" as true; garbage must not decide certificate checks.
    row("tls as nope", "verifyTls=nope", factory);
    row("tls empty", "verifyTls=", factory);
    row("one bad value spoils no other", "concurrency=lots\nretries=3\nverifyTls=off",
        factoryWith([](RunOptions &o) {
            o.retries = 3;
            o.verifyTls = false;
        }));

    // Readable but out of range: the nearest limit.
    row("concurrency 0", "concurrency=0", factoryWith([](RunOptions &o) { o.concurrency = 1; }));
    row("concurrency huge", "concurrency=100000",
        factoryWith([](RunOptions &o) { o.concurrency = RunOptions::maxConcurrency; }));
    row("per host negative", "perHost=-3",
        factoryWith([](RunOptions &o) { o.perHostConcurrency = 1; }));
    row("per host huge", "perHost=1000", factoryWith([](RunOptions &o) {
            o.perHostConcurrency = RunOptions::maxPerHostConcurrency;
        }));
    row("timeout 0", "timeoutSeconds=0",
        factoryWith([](RunOptions &o) { o.deadline = Milliseconds(1000); }));
    row("timeout a day", "timeoutSeconds=86400",
        factoryWith([](RunOptions &o) { o.deadline = Milliseconds(3600 * 1000); }));
    row("inactivity negative", "inactivitySeconds=-1",
        factoryWith([](RunOptions &o) { o.inactivity = Milliseconds(1000); }));
    row("retries negative", "retries=-1", factory); // 0 is the factory value too
    row("retries many", "retries=50", factoryWith([](RunOptions &o) { o.retries = 10; }));
    row("redirects many", "maxRedirects=1000",
        factoryWith([](RunOptions &o) { o.maxRedirects = 100; }));
    row("body negative", "maxBodyBytes=-5", factoryWith([](RunOptions &o) { o.maxBodyBytes = 0; }));
    row("body huge", "maxBodyBytes=99999999999999",
        factoryWith([](RunOptions &o) { o.maxBodyBytes = qint64(1) << 30; }));

    // Values a person may type by hand.
    row("spaces", "concurrency=\" 12 \"", factoryWith([](RunOptions &o) { o.concurrency = 12; }));
    row("bool words", "followRedirects=no\nkeepBodies=FALSE\nverifyTls=0",
        factoryWith([](RunOptions &o) {
            o.followRedirects = false;
            o.keepBodies = false;
            o.verifyTls = false;
        }));
}

void TestRunDefaults::storedText()
{
    QFETCH(StoredCase, row);
    writeIni("[defaults]\n" + row.lines + '\n');
    const QSettings settings(iniPath(), QSettings::IniFormat);
    QCOMPARE(settings.status(), QSettings::NoError);
    QCOMPARE(describeRunOptions(loadRunDefaults(settings)), describeRunOptions(row.expected));
}

void TestRunDefaults::saveClampsOutOfRangeValues()
{
    RunOptions wild;
    wild.concurrency = 1'000'000;
    wild.perHostConcurrency = 0;
    wild.deadline = Milliseconds(1500); // whole seconds, rounded up
    wild.inactivity = Milliseconds(-4000);
    wild.retries = 99;
    wild.maxRedirects = -1;
    wild.maxBodyBytes = std::numeric_limits<qint64>::max();
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        saveRunDefaults(settings, wild);
    }
    RunOptions expected;
    expected.concurrency = RunOptions::maxConcurrency;
    expected.perHostConcurrency = 1;
    expected.deadline = Milliseconds(2000);
    expected.inactivity = Milliseconds(1000);
    expected.retries = 10;
    expected.maxRedirects = 0;
    expected.maxBodyBytes = qint64(1) << 30;
    const QSettings settings(iniPath(), QSettings::IniFormat);
    QCOMPARE(describeRunOptions(loadRunDefaults(settings)), describeRunOptions(expected));
    QCOMPARE(describeRunOptions(clampedRunDefaults(wild)), describeRunOptions(expected));
}

void TestRunDefaults::retentionRoundTripsAndIsHeldToItsRange()
{
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        QVERIFY(salvo::loadRetention(settings).keepsEverything());
        salvo::saveRetention(settings, {50, 7});
    }
    {
        const QSettings settings(iniPath(), QSettings::IniFormat);
        QCOMPARE(salvo::loadRetention(settings), (salvo::RetentionPolicy{50, 7}));
    }
    writeIni("[history]\nkeepRuns=-3\nkeepDays=999999\n");
    const QSettings settings(iniPath(), QSettings::IniFormat);
    QCOMPARE(salvo::loadRetention(settings), (salvo::RetentionPolicy{0, salvo::maxRetentionDays}));
}

void TestRunDefaults::notifySettingsRoundTrip()
{
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        QCOMPARE(salvo::loadNotifySettings(settings), salvo::NotifySettings{});
        salvo::saveNotifySettings(settings, {false, QStringLiteral("https://hooks.example/1")});
    }
    {
        const QSettings settings(iniPath(), QSettings::IniFormat);
        QCOMPARE(salvo::loadNotifySettings(settings),
                 (salvo::NotifySettings{false, QStringLiteral("https://hooks.example/1")}));
    }
    // A value edited by hand into something that is not a web address is not used.
    writeIni("[notify]\nwebhook=file:///etc/passwd\n");
    const QSettings settings(iniPath(), QSettings::IniFormat);
    QVERIFY(salvo::loadNotifySettings(settings).webhookUrl.isEmpty());
}

QTEST_GUILESS_MAIN(TestRunDefaults)
#include "tst_rundefaults.moc"
