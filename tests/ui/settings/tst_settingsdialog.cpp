// SettingsDialog offscreen: it shows the options it was given, edits reach options(),
// Restore Defaults brings back RunOptions' own values, and turning certificate checks off
// shows the warning.

#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QRadioButton>
#include <QTabWidget>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include "RunOptionsText.h"
#include "settings/NetworkPage.h"
#include "settings/SettingsDialog.h"

using namespace salvo;
using salvo::ui::SettingsDialog;

namespace {

RunOptions customOptions()
{
    RunOptions options;
    options.concurrency = 120;
    options.perHostConcurrency = 4;
    options.deadline = Milliseconds(45'000);
    options.inactivity = Milliseconds(5'000);
    options.retries = 2;
    options.followRedirects = false;
    options.maxRedirects = 3;
    options.maxBodyBytes = 256 * 1024;
    options.keepBodies = false;
    options.verifyTls = false;
    options.engineThreads = 2; // not in the dialog: must come back untouched
    options.yieldToCaller = true;
    return options;
}

} // namespace

class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_dialog.reset(); }

    void everyFieldIsNamedAndExplained();
    void showsTheGivenOptions();
    void editingFieldsChangesOptions();
    void bodyCapUnitMultiplies();
    void restoreDefaultsResetsToFactoryValues();
    void uncheckingCertificatesShowsTheWarning();
    void dependentFieldsFollowTheirCheckBox();
    void okAcceptsAndCancelRejects();
    void retentionLimitsAreEditedWithTheirBoxes();
    void aWebhookMustBeAWebAddress();
    void pacingAndCookiesAreDefaultsToo();
    void theNetworkPageEditsTheProxyAndCertificates();

private:
    void open(const RunOptions &options);
    template<typename Widget>
    Widget *field(const char *name) const
    {
        auto *widget = m_dialog->findChild<Widget *>(QLatin1StringView(name));
        if (!widget)
            qWarning("no field %s", name);
        return widget;
    }
    QSpinBox *spin(const char *name) const { return field<QSpinBox>(name); }
    QCheckBox *check(const char *name) const { return field<QCheckBox>(name); }

    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestSettingsDialog::open(const RunOptions &options)
{
    m_dialog = std::make_unique<SettingsDialog>(options);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestSettingsDialog::everyFieldIsNamedAndExplained()
{
    open(RunOptions{});
    for (const char *name :
         {"concurrencyDefault", "perHostDefault", "timeoutDefault", "inactivityDefault",
          "retriesDefault", "followRedirectsDefault", "maxRedirectsDefault", "keepBodiesDefault",
          "bodyCapDefault", "bodyCapUnitDefault", "verifyTlsDefault"}) {
        const QWidget *widget = field<QWidget>(name);
        QVERIFY2(widget, name);
        QVERIFY2(!widget->accessibleName().isEmpty(), name);
        QVERIFY2(!widget->toolTip().isEmpty(), name);
    }
    QVERIFY(field<QLabel>("tlsWarning"));
    QVERIFY(!field<QLabel>("tlsWarning")->accessibleName().isEmpty());
}

void TestSettingsDialog::showsTheGivenOptions()
{
    open(customOptions());
    QCOMPARE(spin("concurrencyDefault")->value(), 120);
    QCOMPARE(spin("perHostDefault")->value(), 4);
    QCOMPARE(spin("timeoutDefault")->value(), 45);
    QCOMPARE(spin("inactivityDefault")->value(), 5);
    QCOMPARE(spin("retriesDefault")->value(), 2);
    QVERIFY(!check("followRedirectsDefault")->isChecked());
    QCOMPARE(spin("maxRedirectsDefault")->value(), 3);
    QVERIFY(!check("keepBodiesDefault")->isChecked());
    QCOMPARE(spin("bodyCapDefault")->value(), 256);
    QCOMPARE(field<QComboBox>("bodyCapUnitDefault")->currentData().toLongLong(), 1024);
    QVERIFY(!check("verifyTlsDefault")->isChecked());
    // Untouched, the dialog gives back what it was given.
    QCOMPARE(describeRunOptions(m_dialog->options()), describeRunOptions(customOptions()));
    QCOMPARE(m_dialog->options().engineThreads, 2);
    QVERIFY(m_dialog->options().yieldToCaller);
}

void TestSettingsDialog::editingFieldsChangesOptions()
{
    open(RunOptions{});
    QSpinBox *concurrency = spin("concurrencyDefault");
    concurrency->selectAll();
    QTest::keyClicks(concurrency, QStringLiteral("300"));
    spin("perHostDefault")->setValue(10);
    spin("timeoutDefault")->setValue(90);
    spin("inactivityDefault")->setValue(20);
    spin("retriesDefault")->setValue(3);
    check("followRedirectsDefault")->click();
    check("keepBodiesDefault")->click();
    check("verifyTlsDefault")->click();

    const RunOptions options = m_dialog->options();
    QCOMPARE(options.concurrency, 300);
    QCOMPARE(options.perHostConcurrency, 10);
    QCOMPARE(options.deadline, Milliseconds(90'000));
    QCOMPARE(options.inactivity, Milliseconds(20'000));
    QCOMPARE(options.retries, 3);
    QVERIFY(!options.followRedirects);
    QVERIFY(!options.keepBodies);
    QVERIFY(!options.verifyTls);

    // A number beyond a box's range is held to it, never wrapped or taken as is.
    spin("retriesDefault")->setValue(1000);
    QCOMPARE(m_dialog->options().retries, 10);
}

void TestSettingsDialog::bodyCapUnitMultiplies()
{
    open(RunOptions{});
    // The factory's 1 MiB shows as 1 MiB, not 1024 KiB.
    QCOMPARE(spin("bodyCapDefault")->value(), 1);
    auto *unit = field<QComboBox>("bodyCapUnitDefault");
    QCOMPARE(unit->currentData().toLongLong(), 1024 * 1024);

    spin("bodyCapDefault")->setValue(64);
    QCOMPARE(m_dialog->options().maxBodyBytes, qint64(64) * 1024 * 1024);
    unit->setCurrentIndex(unit->findData(1024));
    QCOMPARE(spin("bodyCapDefault")->value(), 64);
    QCOMPARE(m_dialog->options().maxBodyBytes, qint64(64) * 1024);

    // 1 GiB at most, in either unit.
    spin("bodyCapDefault")->setValue(5'000'000);
    QCOMPARE(m_dialog->options().maxBodyBytes, qint64(1) << 30);
    unit->setCurrentIndex(unit->findData(1024 * 1024));
    spin("bodyCapDefault")->setValue(5000);
    QCOMPARE(m_dialog->options().maxBodyBytes, qint64(1) << 30);
}

void TestSettingsDialog::restoreDefaultsResetsToFactoryValues()
{
    open(customOptions());
    auto *buttons = m_dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *restore = buttons->button(QDialogButtonBox::RestoreDefaults);
    QVERIFY(restore);
    restore->click();

    QCOMPARE(describeRunOptions(m_dialog->options()), describeRunOptions(RunOptions{}));
    QCOMPARE(spin("bodyCapDefault")->value(), 1);
    QVERIFY(check("verifyTlsDefault")->isChecked());
    QVERIFY(!field<QLabel>("tlsWarning")->isVisible());
    // Restoring is not accepting: the dialog waits for OK.
    QVERIFY(m_dialog->isVisible());
}

void TestSettingsDialog::uncheckingCertificatesShowsTheWarning()
{
    open(RunOptions{});
    QCheckBox *verify = check("verifyTlsDefault");
    auto *warning = field<QLabel>("tlsWarning");
    QVERIFY(verify->isChecked());
    QVERIFY(!warning->isVisible());

    verify->click();
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("trusted")));
    QVERIFY(!m_dialog->options().verifyTls);

    verify->click();
    QVERIFY(!warning->isVisible());

    // Opened with checks already off, the warning is there from the start.
    open(customOptions());
    QVERIFY(field<QLabel>("tlsWarning")->isVisible());
}

void TestSettingsDialog::dependentFieldsFollowTheirCheckBox()
{
    open(RunOptions{});
    QVERIFY(spin("maxRedirectsDefault")->isEnabled());
    QVERIFY(spin("bodyCapDefault")->isEnabled());
    check("followRedirectsDefault")->click();
    check("keepBodiesDefault")->click();
    QVERIFY(!spin("maxRedirectsDefault")->isEnabled());
    QVERIFY(!spin("bodyCapDefault")->isEnabled());
    QVERIFY(!field<QComboBox>("bodyCapUnitDefault")->isEnabled());
    // A disabled field still keeps its value for when it is turned back on.
    QCOMPARE(m_dialog->options().maxRedirects, RunOptions{}.maxRedirects);
}

void TestSettingsDialog::okAcceptsAndCancelRejects()
{
    open(RunOptions{});
    spin("retriesDefault")->setValue(5);
    auto *buttons = m_dialog->findChild<QDialogButtonBox *>();
    buttons->button(QDialogButtonBox::Cancel)->click();
    QCOMPARE(m_dialog->result(), int(QDialog::Rejected));

    open(RunOptions{});
    spin("retriesDefault")->setValue(5);
    buttons = m_dialog->findChild<QDialogButtonBox *>();
    buttons->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->options().retries, 5);
}

void TestSettingsDialog::retentionLimitsAreEditedWithTheirBoxes()
{
    m_dialog = std::make_unique<SettingsDialog>(RunOptions{}, salvo::RetentionPolicy{0, 14});
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QVERIFY(!check("limitRunsBox")->isChecked());
    QVERIFY(!spin("keepRunsBox")->isEnabled());
    QVERIFY(check("limitDaysBox")->isChecked());
    QCOMPARE(spin("keepDaysBox")->value(), 14);
    QCOMPARE(m_dialog->retention(), (salvo::RetentionPolicy{0, 14}));

    check("limitRunsBox")->click();
    QVERIFY(spin("keepRunsBox")->isEnabled());
    spin("keepRunsBox")->setValue(25);
    check("limitDaysBox")->click();
    QVERIFY(!spin("keepDaysBox")->isEnabled());
    QCOMPARE(m_dialog->retention(), (salvo::RetentionPolicy{25, 0}));

    auto *buttons = m_dialog->findChild<QDialogButtonBox *>();
    buttons->button(QDialogButtonBox::RestoreDefaults)->click();
    QVERIFY(m_dialog->retention().keepsEverything());
}

void TestSettingsDialog::aWebhookMustBeAWebAddress()
{
    m_dialog = std::make_unique<SettingsDialog>(RunOptions{}, salvo::RetentionPolicy{},
                                                salvo::NotifySettings{false, {}});
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QVERIFY(!check("notifyDesktopBox")->isChecked());
    auto *webhook = field<QLineEdit>("webhookBox");
    auto *problem = field<QLabel>("webhookProblem");
    auto *ok = m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    webhook->setFocus();
    QTest::keyClicks(webhook, QStringLiteral("hooks.example/abc"));
    QVERIFY(problem->isVisible());
    QVERIFY(!ok->isEnabled());
    webhook->clear();
    QTest::keyClicks(webhook, QStringLiteral(" https://hooks.example/abc?token=1 "));
    QVERIFY(!problem->isVisible());
    QVERIFY(ok->isEnabled());
    check("notifyDesktopBox")->click();
    QCOMPARE(m_dialog->notifySettings(),
             (salvo::NotifySettings{true, QStringLiteral("https://hooks.example/abc?token=1")}));
}

void TestSettingsDialog::pacingAndCookiesAreDefaultsToo()
{
    RunOptions options;
    options.ratePerSecond = 20;
    options.keepCookies = true;
    open(options);
    auto *rate = field<QDoubleSpinBox>("rateDefault");
    auto *perHost = field<QDoubleSpinBox>("ratePerHostDefault");
    QVERIFY(rate && perHost);
    QCOMPARE(rate->value(), 20.0);
    QCOMPARE(perHost->text(), QStringLiteral("no limit"));
    QVERIFY(check("keepCookiesBox")->isChecked());
    perHost->setValue(2.5);
    check("keepCookiesBox")->click();
    QCOMPARE(m_dialog->options().ratePerHostPerSecond, 2.5);
    QCOMPARE(m_dialog->options().ratePerSecond, 20.0);
    QVERIFY(!m_dialog->options().keepCookies);
}

void TestSettingsDialog::theNetworkPageEditsTheProxyAndCertificates()
{
    NetworkAccess given;
    given.proxy = {.mode = ProxyMode::Manual,
                   .url = QStringLiteral("http://proxy.example:3128"),
                   .user = QStringLiteral("tester"),
                   .password = QStringLiteral("pr0xy"),
                   .noProxy = QStringLiteral("localhost")};
    given.tls.extraAuthorities = {QStringLiteral("/etc/company/ca.pem")};
    given.tls.clientCertificates = {{.host = QStringLiteral("api.example"),
                                     .certificateFile = QStringLiteral("/keys/client.p12"),
                                     .type = CertificateType::P12,
                                     .passphrase = QStringLiteral("phrase")}};
    m_dialog = std::make_unique<SettingsDialog>(RunOptions{}, RetentionPolicy{}, NotifySettings{},
                                                given);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    m_dialog->findChild<QTabWidget *>(QStringLiteral("settingsPages"))->setCurrentIndex(1);
    QVERIFY(m_dialog->networkAccess() == given);

    auto *url = field<QLineEdit>("proxyUrlBox");
    auto *password = field<QLineEdit>("proxyPasswordBox");
    auto *problem = field<QLabel>("proxyProblem");
    auto *ok = m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(url->isVisible());
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    // A proxy that cannot be read is said at once, and OK waits for a good one.
    url->clear();
    QTest::keyClicks(url, QStringLiteral("http//proxy.example"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("cannot be used")),
             qPrintable(problem->text()));
    QVERIFY(!ok->isEnabled());
    url->clear();
    QTest::keyClicks(url, QStringLiteral("socks5://10.0.0.1:1080"));
    QVERIFY(!problem->isVisible());
    QVERIFY(ok->isEnabled());
    QCOMPARE(m_dialog->networkAccess().proxy.url, QStringLiteral("socks5://10.0.0.1:1080"));

    field<QRadioButton>("proxyNone")->click();
    QVERIFY(!url->isEnabled());
    QCOMPARE(m_dialog->networkAccess().proxy.mode, ProxyMode::None);
    m_dialog->findChild<salvo::ui::NetworkPage *>()->addClientCertificate(
            QStringLiteral("other.example"), QStringLiteral("/keys/other.pem"));
    const QList<ClientCertificate> certificates = m_dialog->networkAccess().tls.clientCertificates;
    QCOMPARE(certificates.size(), 2);
    QCOMPARE(certificates.at(0).passphrase, QStringLiteral("phrase"));
    QCOMPARE(certificates.at(1).type, CertificateType::Pem);
    QCOMPARE(certificates.at(1).host, QStringLiteral("other.example"));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
