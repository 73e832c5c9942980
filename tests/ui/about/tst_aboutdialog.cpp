// AboutDialog offscreen: the version is on show, and "Copy version info" puts what a bug
// report needs on the clipboard.

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QTest>

#include "about/AboutDialog.h"

using salvo::ui::AboutDialog;

class TestAboutDialog final : public QObject
{
    Q_OBJECT

private slots:
    void showsTheVersion();
    void namesQtAndTheLicence();
    void copyPutsVersionInfoOnTheClipboard();
};

void TestAboutDialog::showsTheVersion()
{
    AboutDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *version = dialog.findChild<QLabel *>(QStringLiteral("aboutVersion"));
    QVERIFY(version);
    QVERIFY(version->isVisible());
    QVERIFY2(version->text().contains(QLatin1StringView(SALVO_VERSION)),
             qPrintable(version->text()));
}

void TestAboutDialog::namesQtAndTheLicence()
{
    AboutDialog dialog;
    const auto *libraries = dialog.findChild<QLabel *>(QStringLiteral("aboutLibraries"));
    QVERIFY(libraries);
    QVERIFY(libraries->text().contains(QLatin1StringView(qVersion())));
    QVERIFY(libraries->text().contains(QLatin1StringView(QT_VERSION_STR)));
    QVERIFY(libraries->text().contains(QStringLiteral("QCoro")));
    const auto *licence = dialog.findChild<QLabel *>(QStringLiteral("aboutLicence"));
    QVERIFY(licence);
    QVERIFY(licence->text().contains(QStringLiteral("GPL-3.0-or-later")));
}

void TestAboutDialog::copyPutsVersionInfoOnTheClipboard()
{
    AboutDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->clear();

    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyVersionInfoButton"));
    QVERIFY(copy);
    QTest::mouseClick(copy, Qt::LeftButton);

    const QString text = clipboard->text();
    QVERIFY2(text.contains(QLatin1StringView(SALVO_VERSION)), qPrintable(text));
    QVERIFY2(text.contains(QLatin1StringView(qVersion())), qPrintable(text));
    QVERIFY2(text.contains(QLatin1StringView(QT_VERSION_STR)), qPrintable(text));
    QVERIFY2(text.contains(QSysInfo::prettyProductName()), qPrintable(text));
    QVERIFY2(text.contains(QGuiApplication::platformName()), qPrintable(text));
    QVERIFY2(text.count(u'\n') >= 3, qPrintable(text)); // one fact a line
    QCOMPARE(text, AboutDialog::versionInfo());
}

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
