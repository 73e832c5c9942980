#pragma once

// ui/settings owns the Preferences dialog: the defaults every new run starts from, in plain
// words, how much of the history to keep and what to tell after a run. The values themselves
// are kept by core/desktop's RunDefaults.

#include <QDialog>

#include "engine/RunOptions.h"
#include "network/NetworkAccess.h"
#include "desktop/RunDefaults.h"
#include "store/HistoryMaintenance.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace salvo::ui {

class NetworkPage;

// Edits the run defaults grouped as Speed, Waiting, Answers and Security, and how much of the
// history to keep. Fields it does not show keep the values of the options it was opened with.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const RunOptions &current, const RetentionPolicy &retention = {},
                            const NotifySettings &notify = {}, const NetworkAccess &network = {},
                            QWidget *parent = nullptr);

    // `current` with the fields as edited, held to the ranges of clampedRunDefaults().
    RunOptions options() const;
    // How much history to keep, as edited: a limit whose box is unticked is 0 (none).
    RetentionPolicy retention() const;
    // What happens after each run; the webhook as typed, trimmed (OK waits for a valid one).
    NotifySettings notifySettings() const;
    // The Network page's proxy and certificates, with the secrets typed there.
    NetworkAccess networkAccess() const;

private:
    QGroupBox *buildSpeedGroup();
    QGroupBox *buildWaitingGroup();
    QGroupBox *buildAnswersGroup();
    QGroupBox *buildSecurityGroup();
    QGroupBox *buildHistoryGroup();
    QGroupBox *buildAfterRunGroup();
    void showOptions(const RunOptions &options);
    void showRetention(const RetentionPolicy &retention);
    void handleWebhookEdited();
    void handleBodyCapUnitChanged();
    void updateEnabledFields();

    RunOptions m_current;
    NetworkPage *m_network;
    QSpinBox *m_concurrency;
    QSpinBox *m_perHost;
    QSpinBox *m_timeout;
    QSpinBox *m_inactivity;
    QSpinBox *m_retries;
    QCheckBox *m_followRedirects;
    QSpinBox *m_maxRedirects;
    QLabel *m_maxRedirectsLabel;
    QCheckBox *m_keepBodies;
    QSpinBox *m_bodyCap;
    QComboBox *m_bodyCapUnit;
    QLabel *m_bodyCapLabel;
    QDoubleSpinBox *m_rate;
    QDoubleSpinBox *m_ratePerHost;
    QCheckBox *m_verifyTls;
    QCheckBox *m_keepCookies;
    QLabel *m_tlsWarning;
    QCheckBox *m_limitRuns;
    QSpinBox *m_keepRuns;
    QCheckBox *m_limitDays;
    QSpinBox *m_keepDays;
    QCheckBox *m_notifyDesktop;
    QLineEdit *m_webhook;
    QLabel *m_webhookProblem;
    QPushButton *m_okButton;
};

} // namespace salvo::ui
