#include "SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QDoubleSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "NetworkPage.h"
#include "desktop/RunDefaults.h"

namespace salvo::ui {
namespace {

constexpr qint64 kibibyte = 1024;
constexpr qint64 mebibyte = 1024 * kibibyte;

QSpinBox *spinBox(int minimum, int maximum, const char *objectName, const QString &name,
                  const QString &tip, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setObjectName(QLatin1StringView(objectName));
    box->setAccessibleName(name);
    box->setToolTip(tip);
    return box;
}

QCheckBox *checkBox(const QString &text, const char *objectName, const QString &tip,
                    QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setObjectName(QLatin1StringView(objectName));
    box->setAccessibleName(text);
    box->setToolTip(tip);
    return box;
}

// The row's label is the field's accessible name, so both say the same thing.
QLabel *addRow(QFormLayout *form, QWidget *field, QWidget *rowWidget = nullptr)
{
    auto *label = new QLabel(field->accessibleName(), form->parentWidget());
    label->setBuddy(field);
    label->setToolTip(field->toolTip());
    form->addRow(label, rowWidget ? rowWidget : field);
    return label;
}

QDoubleSpinBox *rateBox(const char *objectName, const QString &name, const QString &tip,
                        QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, maxDefaultRate);
    box->setDecimals(1);
    box->setSpecialValueText(QObject::tr("no limit"));
    box->setObjectName(QLatin1StringView(objectName));
    box->setAccessibleName(name);
    box->setToolTip(tip);
    return box;
}

int wholeSeconds(Milliseconds duration)
{
    return int(duration.count() / 1000);
}

} // namespace

SettingsDialog::SettingsDialog(const RunOptions &current, const RetentionPolicy &retention,
                               const NotifySettings &notify, const NetworkAccess &network,
                               QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_network(new NetworkPage(network, this))
{
    setWindowTitle(tr("Preferences"));

    auto *intro = new QLabel(tr("Every new run starts with these settings. The boxes next to "
                                "the Run button can still change some of them for one run."),
                             this);
    intro->setWordWrap(true);
    // Made in the order shown, which the Tab key follows.
    const QList<QGroupBox *> groups{buildSpeedGroup(),   buildWaitingGroup(),
                                    buildAnswersGroup(), buildSecurityGroup(),
                                    buildHistoryGroup(), buildAfterRunGroup()};
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                                 | QDialogButtonBox::RestoreDefaults,
                                         this);
    QPushButton *restore = buttons->button(QDialogButtonBox::RestoreDefaults);
    restore->setObjectName(QStringLiteral("restoreDefaultsButton"));
    restore->setToolTip(tr("Put back the settings Salvo came with"));

    auto *runsPage = new QWidget(this);
    auto *runsLayout = new QVBoxLayout(runsPage);
    runsLayout->addWidget(intro);
    for (QGroupBox *group : groups)
        runsLayout->addWidget(group);
    auto *pages = new QTabWidget(this);
    pages->setObjectName(QStringLiteral("settingsPages"));
    pages->addTab(runsPage, tr("&Runs"));
    pages->addTab(m_network, tr("&Network"));
    auto *layout = new QVBoxLayout(this);
    // A window does not grow for its wrapped labels' height-for-width, so it could be
    // squeezed; fixed at the size the layout asks for, nothing is ever cut off.
    layout->setSizeConstraint(QLayout::SetFixedSize);
    layout->addWidget(pages);
    layout->addWidget(buttons);
    m_okButton = buttons->button(QDialogButtonBox::Ok);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(restore, &QPushButton::clicked, this, [this] {
        showOptions(RunOptions{});
        showRetention(RetentionPolicy{});
        m_notifyDesktop->setChecked(NotifySettings{}.desktop);
        m_webhook->clear();
    });
    connect(m_webhook, &QLineEdit::textChanged, this, &SettingsDialog::handleWebhookEdited);
    connect(m_network, &NetworkPage::problemChanged, this, &SettingsDialog::handleWebhookEdited);
    connect(m_bodyCapUnit, &QComboBox::currentIndexChanged, this,
            &SettingsDialog::handleBodyCapUnitChanged);
    for (QCheckBox *box : {m_followRedirects, m_keepBodies, m_verifyTls, m_limitRuns, m_limitDays})
        connect(box, &QCheckBox::toggled, this, &SettingsDialog::updateEnabledFields);

    showOptions(current);
    showRetention(retention);
    m_notifyDesktop->setChecked(notify.desktop);
    m_webhook->setText(notify.webhookUrl);
    handleWebhookEdited();
}

QGroupBox *SettingsDialog::buildSpeedGroup()
{
    auto *speed = new QGroupBox(tr("Speed"), this);
    m_concurrency
            = spinBox(1, RunOptions::maxConcurrency, "concurrencyDefault", tr("Requests at once"),
                      tr("How many requests may be under way at the same time, all sites "
                         "together. More is faster, until your connection or the sites "
                         "cannot keep up."),
                      speed);
    m_perHost = spinBox(1, RunOptions::maxPerHostConcurrency, "perHostDefault",
                        tr("Requests to one site at once"),
                        tr("How many requests may go to the same site at the same time. Sites "
                           "often slow down or refuse when asked too much at once."),
                        speed);
    m_rate = rateBox("rateDefault", tr("Requests a second, at most"),
                     tr("No more requests than this start in a second, all sites together: for "
                        "an API that allows so many a second. 0: no limit."),
                     speed);
    m_ratePerHost = rateBox("ratePerHostDefault", tr("Requests a second to one site, at most"),
                            tr("No more requests than this start in a second to the same site. "
                               "0: no limit."),
                            speed);
    auto *speedForm = new QFormLayout(speed);
    addRow(speedForm, m_concurrency);
    addRow(speedForm, m_perHost);
    addRow(speedForm, m_rate);
    addRow(speedForm, m_ratePerHost);

    return speed;
}

QGroupBox *SettingsDialog::buildWaitingGroup()
{
    auto *waiting = new QGroupBox(tr("Waiting"), this);
    m_timeout = spinBox(minDefaultSeconds, maxDefaultSeconds, "timeoutDefault",
                        tr("Give up on a request after"),
                        tr("A request that has not finished after this many seconds is stopped "
                           "and marked as timed out, even if the site is still sending."),
                        waiting);
    m_inactivity = spinBox(minDefaultSeconds, maxDefaultSeconds, "inactivityDefault",
                           tr("Stop waiting if nothing arrives for"),
                           tr("A request is stopped when the site sends nothing at all for this "
                              "many seconds. A slow answer that keeps arriving is not cut off."),
                           waiting);
    m_retries = spinBox(0, maxDefaultRetries, "retriesDefault", tr("Retries"),
                        tr("How many more times to try a request when the site is busy (429, "
                           "503), does not answer in time or drops the connection. 0 tries "
                           "each request once."),
                        waiting);
    m_timeout->setSuffix(tr(" s"));
    m_inactivity->setSuffix(tr(" s"));
    auto *waitingForm = new QFormLayout(waiting);
    addRow(waitingForm, m_timeout);
    addRow(waitingForm, m_inactivity);
    addRow(waitingForm, m_retries);

    return waiting;
}

QGroupBox *SettingsDialog::buildAnswersGroup()
{
    auto *answers = new QGroupBox(tr("Answers"), this);
    m_followRedirects = checkBox(tr("Follow redirects"), "followRedirectsDefault",
                                 tr("When a site answers that the page has moved to another "
                                    "address, go there and show that answer instead."),
                                 answers);
    m_maxRedirects = spinBox(0, maxDefaultRedirects, "maxRedirectsDefault",
                             tr("Redirects to follow at most"),
                             tr("Stop following after this many moves, so two sites pointing "
                                "at each other cannot keep a request going forever."),
                             answers);
    m_keepBodies = checkBox(tr("Keep answer bodies"), "keepBodiesDefault",
                            tr("Keep the content each site sent back, so you can read it in the "
                               "inspector. Turn this off to save memory on very long lists; "
                               "status, size and timing are kept either way."),
                            answers);
    m_bodyCap = spinBox(0, int(maxDefaultBodyBytes / kibibyte), "bodyCapDefault",
                        tr("Largest answer body kept"),
                        tr("Keep at most this much of each answer. The rest is still received "
                           "and counted, but not kept, so huge downloads do not fill memory."),
                        answers);
    m_bodyCapUnit = new QComboBox(answers);
    m_bodyCapUnit->setObjectName(QStringLiteral("bodyCapUnitDefault"));
    m_bodyCapUnit->setAccessibleName(tr("Unit of the largest answer body kept"));
    m_bodyCapUnit->setToolTip(tr("KiB is 1,024 bytes; MiB is 1,024 KiB."));
    m_bodyCapUnit->addItem(tr("KiB"), kibibyte);
    m_bodyCapUnit->addItem(tr("MiB"), mebibyte);
    auto *bodyCapRow = new QWidget(answers);
    auto *bodyCapLayout = new QHBoxLayout(bodyCapRow);
    bodyCapLayout->setContentsMargins(0, 0, 0, 0);
    bodyCapLayout->addWidget(m_bodyCap, 1);
    bodyCapLayout->addWidget(m_bodyCapUnit);
    auto *answersForm = new QFormLayout(answers);
    answersForm->addRow(m_followRedirects);
    m_maxRedirectsLabel = addRow(answersForm, m_maxRedirects);
    answersForm->addRow(m_keepBodies);
    m_bodyCapLabel = addRow(answersForm, m_bodyCap, bodyCapRow);

    return answers;
}

QGroupBox *SettingsDialog::buildSecurityGroup()
{
    auto *security = new QGroupBox(tr("Security"), this);
    m_verifyTls = checkBox(tr("Check certificates (recommended)"), "verifyTlsDefault",
                           tr("Make sure each site really is the one it claims to be, using its "
                              "HTTPS certificate. Turn this off only for test servers of your "
                              "own with a self-made certificate."),
                           security);
    m_tlsWarning = new QLabel(tr("<b>Warning:</b> certificates will not be checked. Anyone "
                                 "between you and a site could change its answers, so results "
                                 "from such runs cannot be trusted."),
                              security);
    m_tlsWarning->setObjectName(QStringLiteral("tlsWarning"));
    m_tlsWarning->setAccessibleName(tr("Certificate warning"));
    m_tlsWarning->setTextFormat(Qt::RichText);
    m_tlsWarning->setWordWrap(true);
    // Its room is kept while hidden, so ticking the box never squeezes or resizes the dialog.
    QSizePolicy warningPolicy = m_tlsWarning->sizePolicy();
    warningPolicy.setRetainSizeWhenHidden(true);
    m_tlsWarning->setSizePolicy(warningPolicy);
    m_keepCookies = checkBox(tr("Keep cookies between the requests of a run"), "keepCookiesBox",
                             tr("A cookie one answer sets is sent with the later requests to "
                                "its site, as a browser does; forgotten when the run ends"),
                             security);
    auto *securityLayout = new QVBoxLayout(security);
    securityLayout->addWidget(m_verifyTls);
    securityLayout->addWidget(m_tlsWarning);
    securityLayout->addWidget(m_keepCookies);

    return security;
}

QGroupBox *SettingsDialog::buildHistoryGroup()
{
    auto *history = new QGroupBox(tr("History"), this);
    m_limitRuns
            = checkBox(tr("Keep only the newest runs"), "limitRunsBox",
                       tr("Older runs are deleted from the history, with their results"), history);
    m_keepRuns = spinBox(1, maxRetentionRuns, "keepRunsBox", tr("Runs to keep"),
                         tr("How many of the newest runs the history keeps"), history);
    m_limitDays = checkBox(tr("Delete runs older than"), "limitDaysBox",
                           tr("Runs started longer ago are deleted, with their results"), history);
    m_keepDays = spinBox(1, maxRetentionDays, "keepDaysBox", tr("Days to keep runs"),
                         tr("Runs started within this many days stay in the history"), history);
    m_keepDays->setSuffix(tr(" days"));
    auto *historyForm = new QFormLayout(history);
    historyForm->addRow(m_limitRuns, m_keepRuns);
    historyForm->addRow(m_limitDays, m_keepDays);
    auto *historyNote = new QLabel(tr("A run still going is never deleted. Without a limit, "
                                      "every run is kept."),
                                   history);
    historyNote->setWordWrap(true);
    historyForm->addRow(historyNote);

    return history;
}

QGroupBox *SettingsDialog::buildAfterRunGroup()
{
    auto *afterRun
            = new QGroupBox(tr("After each run, and when a scheduled check finds a change"), this);
    m_notifyDesktop = checkBox(
            tr("Show a desktop notification"), "notifyDesktopBox",
            tr("Says how the run went, or what a scheduled check found changed, also while "
               "Salvo is in the background"),
            afterRun);
    m_webhook = new QLineEdit(afterRun);
    m_webhook->setObjectName(QStringLiteral("webhookBox"));
    m_webhook->setAccessibleName(tr("Webhook address"));
    m_webhook->setToolTip(tr("The run's summary, or what a scheduled check found changed, is "
                             "posted here as JSON (a chat room, a monitor); leave empty for none"));
    m_webhook->setPlaceholderText(QStringLiteral("https://hooks.example.com/..."));
    m_webhook->setClearButtonEnabled(true);
    m_webhookProblem = new QLabel(tr("A webhook is an http:// or https:// address."), afterRun);
    m_webhookProblem->setObjectName(QStringLiteral("webhookProblem"));
    m_webhookProblem->setAccessibleName(m_webhookProblem->text());
    m_webhookProblem->hide();
    auto *afterRunForm = new QFormLayout(afterRun);
    afterRunForm->addRow(m_notifyDesktop);
    addRow(afterRunForm, m_webhook);
    afterRunForm->addRow(m_webhookProblem);

    return afterRun;
}

NetworkAccess SettingsDialog::networkAccess() const
{
    return m_network->access();
}

NotifySettings SettingsDialog::notifySettings() const
{
    return {m_notifyDesktop->isChecked(), m_webhook->text().trimmed()};
}

void SettingsDialog::handleWebhookEdited()
{
    const QString url = m_webhook->text().trimmed();
    const bool usable = url.isEmpty() || isWebhookUrl(url);
    m_webhookProblem->setVisible(!usable);
    m_okButton->setEnabled(usable && m_network->problem().isEmpty());
}

RetentionPolicy SettingsDialog::retention() const
{
    return {m_limitRuns->isChecked() ? m_keepRuns->value() : 0,
            m_limitDays->isChecked() ? m_keepDays->value() : 0};
}

void SettingsDialog::showRetention(const RetentionPolicy &retention)
{
    // An unticked limit shows a sensible number to start from when it is ticked.
    m_limitRuns->setChecked(retention.keepRuns > 0);
    m_keepRuns->setValue(retention.keepRuns > 0 ? retention.keepRuns : 100);
    m_limitDays->setChecked(retention.keepDays > 0);
    m_keepDays->setValue(retention.keepDays > 0 ? retention.keepDays : 30);
    updateEnabledFields();
}

RunOptions SettingsDialog::options() const
{
    RunOptions options = m_current;
    options.concurrency = m_concurrency->value();
    options.perHostConcurrency = m_perHost->value();
    options.deadline = Milliseconds(qint64(m_timeout->value()) * 1000);
    options.inactivity = Milliseconds(qint64(m_inactivity->value()) * 1000);
    options.retries = m_retries->value();
    options.followRedirects = m_followRedirects->isChecked();
    options.maxRedirects = m_maxRedirects->value();
    options.keepBodies = m_keepBodies->isChecked();
    options.maxBodyBytes = qint64(m_bodyCap->value()) * m_bodyCapUnit->currentData().toLongLong();
    options.verifyTls = m_verifyTls->isChecked();
    options.keepCookies = m_keepCookies->isChecked();
    options.ratePerSecond = m_rate->value();
    options.ratePerHostPerSecond = m_ratePerHost->value();
    return clampedRunDefaults(options);
}

void SettingsDialog::showOptions(const RunOptions &options)
{
    const RunOptions shown = clampedRunDefaults(options);
    m_concurrency->setValue(shown.concurrency);
    m_perHost->setValue(shown.perHostConcurrency);
    m_timeout->setValue(wholeSeconds(shown.deadline));
    m_inactivity->setValue(wholeSeconds(shown.inactivity));
    m_retries->setValue(shown.retries);
    m_followRedirects->setChecked(shown.followRedirects);
    m_maxRedirects->setValue(shown.maxRedirects);
    m_keepBodies->setChecked(shown.keepBodies);
    // MiB when that is exact, else KiB rounded up (a cap never shrinks by being shown).
    const bool inMebibytes = shown.maxBodyBytes > 0 && shown.maxBodyBytes % mebibyte == 0;
    const qint64 unit = inMebibytes ? mebibyte : kibibyte;
    m_bodyCapUnit->setCurrentIndex(m_bodyCapUnit->findData(unit));
    handleBodyCapUnitChanged(); // the range, in case the index did not change
    m_bodyCap->setValue(int((shown.maxBodyBytes + unit - 1) / unit));
    m_verifyTls->setChecked(shown.verifyTls);
    m_keepCookies->setChecked(shown.keepCookies);
    m_rate->setValue(shown.ratePerSecond);
    m_ratePerHost->setValue(shown.ratePerHostPerSecond);
    updateEnabledFields();
}

// The number stays as typed; only its largest allowed value follows the unit.
void SettingsDialog::handleBodyCapUnitChanged()
{
    m_bodyCap->setMaximum(int(maxDefaultBodyBytes / m_bodyCapUnit->currentData().toLongLong()));
}

void SettingsDialog::updateEnabledFields()
{
    const bool following = m_followRedirects->isChecked();
    m_maxRedirects->setEnabled(following);
    m_maxRedirectsLabel->setEnabled(following);
    const bool keeping = m_keepBodies->isChecked();
    m_bodyCap->setEnabled(keeping);
    m_bodyCapUnit->setEnabled(keeping);
    m_bodyCapLabel->setEnabled(keeping);
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
    m_keepRuns->setEnabled(m_limitRuns->isChecked());
    m_keepDays->setEnabled(m_limitDays->isChecked());
}

} // namespace salvo::ui
