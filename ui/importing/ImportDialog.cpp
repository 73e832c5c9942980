#include "ImportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace salvo::ui {
namespace {

using namespace Qt::StringLiterals;

enum PreviewColumn { NameColumn, MethodColumn, AddressColumn, HeadersColumn, BodyColumn };

QListWidget *choiceList(const char *objectName, const QString &name, QWidget *parent)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(QLatin1StringView(objectName));
    list->setAccessibleName(name);
    list->setMaximumHeight(list->fontMetrics().height() * 7);
    return list;
}

// The names checked in a list of "name (count)" items; the item's data is the name.
QStringList checkedNames(const QListWidget *list)
{
    QStringList names;
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->checkState() == Qt::Checked)
            names.append(list->item(row)->data(Qt::UserRole).toString());
    }
    return names;
}

void fillChoices(QListWidget *list, const QMap<QString, int> &counts)
{
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        auto *item = new QListWidgetItem(
                QStringLiteral("%1 (%2)")
                        .arg(it.key().isEmpty() ? QStringLiteral("-") : it.key())
                        .arg(it.value()),
                list);
        item->setData(Qt::UserRole, it.key());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
}

} // namespace

ImportDialog::ImportDialog(QByteArray contents, ImportKind kind, const QString &name,
                           QWidget *parent)
    : QDialog(parent)
    , m_contents(std::move(contents))
    , m_kind(kind)
    , m_summary(new QLabel(this))
    , m_preview(new QTableWidget(0, 5, this))
    , m_skipped(choiceList("importSkippedList", tr("Skipped, and notes"), this))
    , m_hosts(choiceList("importHostsList", tr("Hosts"), this))
    , m_kinds(choiceList("importKindsList", tr("Kinds"), this))
    , m_cookies(new QCheckBox(tr("Keep the browser's cookies"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import %1").arg(name));
    setObjectName(QStringLiteral("importDialog"));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setAccessibleName(tr("The requests to import"));
    m_preview->setHorizontalHeaderLabels(
            {tr("Name"), tr("Method"), tr("Address"), tr("Headers"), tr("Body")});
    m_preview->horizontalHeader()->setSectionResizeMode(AddressColumn, QHeaderView::Stretch);
    m_preview->verticalHeader()->hide();
    m_preview->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_skipped->setMaximumHeight(m_skipped->fontMetrics().height() * 6);
    m_cookies->setObjectName(QStringLiteral("importCookiesBox"));
    m_cookies->setToolTip(tr("A browser's cookies are its session: left out unless you want the "
                             "requests to go signed in as the browser was"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));

    auto *choices = new QGroupBox(tr("Take"), this);
    choices->setObjectName(QStringLiteral("importChoices"));
    auto *choiceLayout = new QHBoxLayout(choices);
    choiceLayout->addWidget(m_hosts);
    choiceLayout->addWidget(m_kinds);
    choiceLayout->addWidget(m_cookies, 0, Qt::AlignTop);
    choices->setVisible(kind == ImportKind::Har);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(choices);
    layout->addWidget(m_preview, 1);
    layout->addWidget(new QLabel(m_skipped->accessibleName(), this));
    layout->addWidget(m_skipped);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_reading, &QFutureWatcher<Reading>::finished, this, &ImportDialog::showReading);
    for (QListWidget *list : {m_hosts, m_kinds})
        connect(list, &QListWidget::itemChanged, this, &ImportDialog::read);
    connect(m_cookies, &QCheckBox::toggled, this, &ImportDialog::read);
    resize(760, 560);
    read();
}

ImportDialog::~ImportDialog() = default;

HarChoice ImportDialog::choice() const
{
    // Before the file's hosts are known every one is taken, as when all are checked.
    if (!m_choicesShown)
        return {};
    const QStringList hosts = checkedNames(m_hosts);
    const QStringList kinds = checkedNames(m_kinds);
    return {.domains = hosts.size() == m_hosts->count() ? QStringList() : hosts,
            .types = kinds.size() == m_kinds->count() ? QStringList() : kinds,
            .keepCookies = m_cookies->isChecked()};
}

void ImportDialog::read()
{
    m_ready = false;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_summary->setText(tr("Reading..."));
    const bool wantsContents = m_kind == ImportKind::Har && !m_choicesShown;
    // Read on the thread pool: a HAR file can be hundreds of megabytes.
    m_reading.setFuture(QtConcurrent::run(
            [contents = m_contents, kind = m_kind, chosen = choice(), wantsContents] {
                Reading reading;
                if (wantsContents)
                    reading.contents = harContents(contents);
                reading.imported = kind == ImportKind::Har ? importHar(contents, chosen)
                                                           : importAs(kind, contents);
                return reading;
            }));
}

void ImportDialog::showReading()
{
    const Reading reading = m_reading.result();
    if (!m_choicesShown && m_kind == ImportKind::Har)
        showChoices(reading.contents);
    m_imported = reading.imported;
    const int count = int(m_imported.requests.size());
    QStringList said{tr("%n requests to import.", nullptr, count)};
    if (!m_imported.skipped.isEmpty())
        said.append(
                tr("%n skipped, each below with why.", nullptr, int(m_imported.skipped.size())));
    if (count > previewRows)
        said.append(tr("The first %1 are shown.").arg(previewRows));
    if (m_imported.signIn.kind != SignInKind::None)
        said.append(tr("They sign in as the Sign-in tab will show."));
    if (!m_imported.variables.isEmpty())
        said.append(tr("Its %n variables become the environment \"%1\".", nullptr,
                       int(m_imported.variables.size()))
                            .arg(importedEnvironment(m_imported).name));
    m_summary->setText(said.join(u' '));
    fillPreview();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(count > 0);
    m_ready = true;
    emit ready();
}

void ImportDialog::showChoices(const HarContents &contents)
{
    const QSignalBlocker quietHosts(m_hosts);
    const QSignalBlocker quietKinds(m_kinds);
    fillChoices(m_hosts, contents.domains);
    fillChoices(m_kinds, contents.types);
    m_choicesShown = true;
}

void ImportDialog::fillPreview()
{
    const QList<ImportedRequest> &requests = m_imported.requests;
    const int shown = int(std::min<qsizetype>(requests.size(), previewRows));
    m_preview->setRowCount(shown);
    const QLocale locale;
    for (int row = 0; row < shown; ++row) {
        const ImportedRequest &request = requests.at(row);
        const QString name = QStringList{request.group, request.name}
                                     .filter(QRegularExpression(u"."_s))
                                     .join(u" / "_s);
        const QStringList cells{name, QString::fromLatin1(request.method), request.url,
                                locale.toString(request.headers.size()),
                                request.body ? locale.formattedDataSize(request.body->size())
                                             : QString()};
        for (int column = 0; column < cells.size(); ++column)
            m_preview->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_preview->setColumnHidden(NameColumn,
                               std::none_of(requests.cbegin(), requests.cend(), [](const auto &r) {
                                   return !r.name.isEmpty() || !r.group.isEmpty();
                               }));
    m_skipped->clear();
    for (const SkippedItem &skipped : m_imported.skipped)
        m_skipped->addItem(tr("%1: %2").arg(skipped.where, skipped.reason));
    m_skipped->addItems(m_imported.warnings);
}

} // namespace salvo::ui
