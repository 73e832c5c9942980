// RunControls: the run bar shows the defaults a person saved, unchanged, and holds any other
// value to its boxes' ranges.

#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "RunOptionsText.h"
#include "desktop/RunDefaults.h"
#include "run/RunControls.h"

using namespace salvo;

class TestRunControls final : public QObject
{
    Q_OBJECT

private slots:
    void defaultsFitTheRunBar();
};

// Whatever loads must show unchanged in the run bar's boxes.
void TestRunControls::defaultsFitTheRunBar()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("salvo.ini"));
    {
        QSettings written(path, QSettings::IniFormat);
        written.setValue(QStringLiteral("defaults/concurrency"), 100000);
        written.setValue(QStringLiteral("defaults/perHost"), 1000);
        written.setValue(QStringLiteral("defaults/timeoutSeconds"), 86400);
        written.setValue(QStringLiteral("defaults/retries"), 50);
    }
    const QSettings settings(path, QSettings::IniFormat);
    const RunOptions loaded = loadRunDefaults(settings);

    ui::RunControls controls;
    controls.setDefaults(loaded);
    const RunOptions shown = controls.options(loaded);
    QCOMPARE(describeRunOptions(shown), describeRunOptions(loaded));

    // A default the file did not produce is held to the boxes' ranges, never wrapped.
    RunOptions odd;
    odd.concurrency = 0;
    odd.deadline = Milliseconds(2500);
    odd.retries = 400;
    controls.setDefaults(odd);
    QCOMPARE(controls.findChild<QSpinBox *>(QStringLiteral("concurrencyBox"))->value(), 1);
    QCOMPARE(controls.findChild<QSpinBox *>(QStringLiteral("timeoutBox"))->value(), 3);
    QCOMPARE(controls.findChild<QSpinBox *>(QStringLiteral("retriesBox"))->value(), 10);
}

QTEST_MAIN(TestRunControls)
#include "tst_runcontrols.moc"
