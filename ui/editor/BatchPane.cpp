#include "BatchPane.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QAccessible>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "batch/BatchAdvice.h"
#include "batch/CsvParser.h"

#include "BatchEditor.h"
#include "ExpectEditor.h"
#include "EnvironmentsDialog.h"
#include "HeadersEditor.h"
#include "PlaceholderMarker.h"
#include "SignInEditor.h"
#include "batch/BatchSecrets.h"
#include "desktop/BatchFile.h"

namespace salvo::ui {
namespace {

constexpr int inputTab = 0;
constexpr int headersTab = 1;
constexpr int expectTab = 3;
constexpr int signInTab = 4;
// The environment box's "none" item.
const QString noEnvironment;
// The advice reads the list's first rows and the body: after a pause in typing.
constexpr int adviceDelayMs = 400;

// The CSV's header row: its first record, read from the start of the text only.
QStringList csvColumns(const QByteArray &data)
{
    const qsizetype firstLineEnd = data.indexOf('\n', data.indexOf(','));
    const QList<CsvRecord> records = readCsvRecords(
            QByteArrayView(data).first(firstLineEnd < 0 ? data.size() : firstLineEnd));
    QStringList columns;
    if (!records.isEmpty()) {
        for (const QString &column : records.first().fields)
            columns.append(column.trimmed().toLower());
    }
    return columns;
}

BatchEditor::LineKind lineKindFor(InputKind kind)
{
    switch (kind) {
    case InputKind::UrlList:
        return BatchEditor::LineKind::Address;
    case InputKind::IdList:
        return BatchEditor::LineKind::Id;
    case InputKind::Csv:
        return BatchEditor::LineKind::CsvRecord;
    }
    return BatchEditor::LineKind::Address;
}

} // namespace

BatchPane::BatchPane(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_urlTemplate(new QLineEdit(this))
    , m_urlTemplateLabel(new QLabel(tr("&Template"), this))
    , m_method(new QComboBox(this))
    , m_editor(new BatchEditor(this))
    , m_lineCheck(new QLabel(this))
    , m_headers(new HeadersEditor(this))
    , m_body(new QPlainTextEdit(this))
    , m_expect(new ExpectEditor(this))
    , m_signIn(new SignInEditor(this))
    , m_environment(new QComboBox(this))
    , m_listMarker(new PlaceholderMarker(m_editor->document()))
    , m_bodyMarker(new PlaceholderMarker(m_body->document()))
    , m_tabs(new QTabWidget(this))
    , m_runProblem(new QLabel(this))
    , m_advice(new QLabel(this))
    , m_adviceDelay(new QTimer(this))
{
    setUpInputKinds();

    m_urlTemplate->setObjectName(QStringLiteral("urlTemplateEdit"));
    m_urlTemplate->setAccessibleName(tr("Address template"));
    m_urlTemplate->setClearButtonEnabled(true);
    m_urlTemplateLabel->setBuddy(m_urlTemplate);

    m_method->setObjectName(QStringLiteral("methodBox"));
    m_method->setAccessibleName(tr("Method"));
    m_method->setEditable(true); // any token is a method: PROPFIND, PURGE, ...
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("POST"),
                        QStringLiteral("PUT"), QStringLiteral("PATCH"), QStringLiteral("DELETE"),
                        QStringLiteral("OPTIONS")});
    m_method->setToolTip(tr("GET fetches each page; HEAD asks for headers only; POST, PUT and "
                            "PATCH send the Body tab's text"));

    m_editor->setObjectName(QStringLiteral("batchEditor"));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_lineCheck->setObjectName(QStringLiteral("lineCheck"));
    m_lineCheck->setWordWrap(true);
    m_lineCheck->setTextFormat(Qt::PlainText);

    m_body->setObjectName(QStringLiteral("batchBody"));
    m_body->setAccessibleName(tr("Body sent with every request"));
    m_body->setPlaceholderText(tr("Text sent with every request, for POST, PUT or PATCH. "
                                  "A JSON body is sent as application/json unless a "
                                  "Content-Type header says otherwise."));

    setUpTabs();

    auto *form = new QFormLayout;
    form->addRow(tr("&Input"), m_kind);
    form->addRow(m_urlTemplateLabel, m_urlTemplate);
    form->addRow(tr("&Method"), m_method);
    form->addRow(tr("En&vironment"), buildEnvironmentRow());
    setUpMessages();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_runProblem);
    layout->addWidget(m_advice);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &BatchPane::showInputKind);
    connect(m_urlTemplate, &QLineEdit::textChanged, m_editor, &BatchEditor::setUrlTemplate);
    connect(m_editor, &BatchEditor::invalidLineCountChanged, this, &BatchPane::showLineCheck);
    connect(m_headers, &HeadersEditor::headersChanged, this, &BatchPane::showHeaderCount);
    connect(m_expect, &ExpectEditor::inspectionChanged, this, &BatchPane::showExpectCount);
    connect(m_signIn, &SignInEditor::changed, this, &BatchPane::showSignInTitle);
    showInputKind();
    reloadEnvironments();
}

void BatchPane::setUpInputKinds()
{
    m_kind->setObjectName(QStringLiteral("inputKindBox"));
    m_kind->setAccessibleName(tr("What the list holds"));
    // Item data is the InputKind, so the order of the items is free.
    m_kind->addItem(tr("Web addresses"), int(InputKind::UrlList));
    m_kind->addItem(tr("Ids for a template"), int(InputKind::IdList));
    m_kind->addItem(tr("CSV table"), int(InputKind::Csv));
    m_kind->setToolTip(tr("Web addresses: one per line.\n"
                          "Ids for a template: one id per line, each put into the template's "
                          "{id}.\n"
                          "CSV table: a header row, then one row per request, with a url column "
                          "or columns the template names."));
}

// The list, and the tabs of what every request sends and every answer must be.
void BatchPane::setUpTabs()
{
    auto *inputPage = new QWidget(this);
    auto *inputLayout = new QVBoxLayout(inputPage);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    inputLayout->addWidget(m_editor, 1);
    inputLayout->addWidget(m_lineCheck);
    m_tabs->setObjectName(QStringLiteral("batchTabs"));
    m_tabs->setAccessibleName(tr("The batch"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(inputPage, tr("&List"));
    m_tabs->addTab(m_headers, tr("&Headers"));
    m_tabs->addTab(m_body, tr("&Body"));
    // "Expect", not "Checks": the Checks tab holds the scheduled re-checks.
    m_tabs->addTab(m_expect, tr("E&xpect"));
    m_tabs->setTabToolTip(expectTab,
                          tr("What every answer must be, and the values to read out "
                             "of each into columns"));
    m_signIn->setObjectName(QStringLiteral("signInEditor"));
    m_tabs->addTab(m_signIn, tr("Sig&n-in"));
    m_tabs->setTabToolTip(signInTab, tr("How every request signs in, and its proxy"));
}

// Under the tabs: why the batch cannot run, and what is worth knowing before it does. Each
// edit takes the first away and reads the batch again for the second.
void BatchPane::setUpMessages()
{
    m_runProblem->setObjectName(QStringLiteral("batchRunProblem"));
    m_runProblem->setAccessibleName(tr("Why the batch cannot run"));
    m_advice->setObjectName(QStringLiteral("batchAdvice"));
    m_advice->setAccessibleName(tr("Before you run"));
    for (QLabel *label : {m_runProblem, m_advice}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->hide();
    }
    QPalette problemColors = m_runProblem->palette();
    problemColors.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_runProblem->setPalette(problemColors);
    m_adviceDelay->setSingleShot(true);
    m_adviceDelay->setInterval(adviceDelayMs);
    connect(m_adviceDelay, &QTimer::timeout, this, &BatchPane::showAdvice);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &BatchPane::batchChanged);
    connect(m_urlTemplate, &QLineEdit::textChanged, this, &BatchPane::batchChanged);
    connect(m_method, &QComboBox::currentTextChanged, this, &BatchPane::batchChanged);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &BatchPane::batchChanged);
    connect(m_editor, &BatchEditor::largeInputHeldChanged, this, &BatchPane::batchChanged);
    connect(m_headers, &HeadersEditor::headersChanged, this, &BatchPane::batchChanged);
    connect(m_body, &QPlainTextEdit::textChanged, this, &BatchPane::batchChanged);
    connect(m_expect, &ExpectEditor::inspectionChanged, this, &BatchPane::batchChanged);
    connect(m_signIn, &SignInEditor::changed, this, &BatchPane::batchChanged);
    connect(m_environment, &QComboBox::currentIndexChanged, this, &BatchPane::batchChanged);
}

salvo::HeaderList BatchPane::headers() const
{
    return m_headers->headers();
}

salvo::BatchInput BatchPane::batchInput() const
{
    BatchInput input;
    input.kind = inputKind();
    if (input.kind != InputKind::UrlList)
        input.urlTemplate = m_urlTemplate->text().trimmed();
    input.data = m_editor->batchBytes();
    input.method = m_method->currentText().trimmed().toUpper().toLatin1();
    input.headers = m_headers->headers();
    input.body = m_body->toPlainText().toUtf8();
    input.inspection = m_expect->inspection();
    input.signIn = m_signIn->signIn();
    input.proxyMode = m_signIn->proxyMode();
    input.environmentName = m_environment->currentData().toString();
    return input;
}

QStringList BatchPane::expectProblems() const
{
    return m_expect->problems();
}

void BatchPane::setInspection(const salvo::InspectionPlan &plan)
{
    m_expect->setInspection(plan);
}

void BatchPane::setUrlList(const QString &text)
{
    setInputKind(InputKind::UrlList);
    m_editor->setBatchSource(text.toUtf8());
}

void BatchPane::setFileContents(const QString &path, const QByteArray &contents)
{
    const bool usingTemplate = inputKind() == InputKind::IdList;
    // The text first: whether a CSV takes the ids' template depends on its columns.
    m_editor->setBatchSource(contents);
    setInputKind(inputKindForFile(path, usingTemplate));
}

void BatchPane::setBatchInput(const BatchInput &input, const QList<QByteArray> &withheldHeaders)
{
    setInputKind(input.kind);
    m_urlTemplate->setText(input.urlTemplate);
    m_editor->setBatchSource(input.data);
    m_method->setCurrentText(QString::fromLatin1(input.method));
    HeaderList headers = input.headers;
    for (const QByteArray &name : withheldHeaders) {
        if (!isSignInSecretName(name)) // typed in the Sign-in tab
            headers.append({name, QByteArray()});
    }
    m_headers->setHeaders(headers);
    m_body->setPlainText(QString::fromUtf8(input.body));
    m_expect->setInspection(input.inspection);
    m_signIn->setSignIn(input.signIn);
    m_signIn->setProxyMode(input.proxyMode);
    setEnvironmentName(input.environmentName);
}

void BatchPane::fillHeaderValues(const HeaderList &given)
{
    SignIn signIn = m_signIn->signIn();
    const HeaderList values = takeSignInSecrets(signIn, given);
    m_signIn->setSignIn(signIn);
    HeaderList headers = m_headers->headers();
    for (auto &[name, value] : headers) {
        for (const auto &[filledName, filledValue] : values) {
            if (name.compare(filledName, Qt::CaseInsensitive) == 0)
                value = filledValue;
        }
    }
    m_headers->setHeaders(headers);
}

salvo::InputKind BatchPane::inputKind() const
{
    return InputKind(m_kind->currentData().toInt());
}

void BatchPane::setInputKind(InputKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void BatchPane::setUrlTemplate(const QString &urlTemplate)
{
    m_urlTemplate->setText(urlTemplate);
}

QString BatchPane::templateForKind(InputKind kind) const
{
    const QString own = m_templates.value(int(kind));
    if (kind != InputKind::Csv || !own.isEmpty())
        return own;
    // A table without a url column needs a template: the one typed for ids, when every
    // {name} in it is a column of the table.
    const QString forIds = m_templates.value(int(InputKind::IdList));
    const QStringList columns = csvColumns(m_editor->batchBytes());
    const Expected<UrlTemplate> parsed = UrlTemplate::parse(forIds);
    if (forIds.isEmpty() || columns.contains(u"url") || !parsed)
        return {};
    const QStringList names = parsed->placeholderNames();
    const bool fits = std::all_of(names.cbegin(), names.cend(), [&columns](const QString &name) {
        return columns.contains(name);
    });
    return fits ? forIds : QString();
}

void BatchPane::showInputKind()
{
    const InputKind kind = inputKind();
    if (kind != m_shownKind) {
        m_templates.insert(int(m_shownKind), m_urlTemplate->text());
        m_shownKind = kind;
        m_urlTemplate->setText(templateForKind(kind));
    }
    m_editor->setLineKind(lineKindFor(kind));
    m_urlTemplateLabel->setVisible(kind != InputKind::UrlList);
    m_urlTemplate->setVisible(kind != InputKind::UrlList);
    switch (kind) {
    case InputKind::UrlList:
        m_editor->setAccessibleName(tr("Web addresses, one per line"));
        m_editor->setPlaceholderText(tr("Paste web addresses here, one per line, such as\n"
                                        "https://example.com/health"));
        m_tabs->setTabText(inputTab, tr("&Addresses"));
        break;
    case InputKind::IdList:
        m_urlTemplate->setPlaceholderText(QStringLiteral("https://api.example.com/items/{id}"));
        m_urlTemplate->setToolTip(tr("Each id from the list goes where {id} is"));
        m_editor->setAccessibleName(tr("Ids, one per line"));
        m_editor->setPlaceholderText(tr("Paste ids here, one per line, such as\n1042\n1043"));
        m_tabs->setTabText(inputTab, tr("&Ids"));
        break;
    case InputKind::Csv:
        m_urlTemplate->setPlaceholderText(tr("optional: https://{shop}.example.com/sku/{sku}"));
        m_urlTemplate->setToolTip(tr("Leave empty when the table has a url column; otherwise "
                                     "each {name} is filled from the column of that name"));
        m_editor->setAccessibleName(tr("CSV table"));
        m_editor->setPlaceholderText(tr("Paste a table here, header row first, such as\n"
                                        "url,method\nhttps://example.com/a,GET"));
        m_tabs->setTabText(inputTab, tr("&Table"));
        break;
    }
    m_lineCheck->clear();
}

void BatchPane::showLineCheck(int invalid, int rows)
{
    if (invalid <= 0 || rows < 0) {
        m_lineCheck->clear();
        return;
    }
    const QString what = inputKind() == InputKind::IdList ? tr("ids do not make a valid address")
                                                          : tr("lines are not web addresses");
    m_lineCheck->setText(tr("%1 of %2 %3: they will be reported as errors, not requested. "
                            "Point at a marked line number to see why.")
                                 .arg(invalid)
                                 .arg(rows)
                                 .arg(what));
}

bool BatchPane::hasUnsettledEdits() const
{
    const BatchInput now = batchInput();
    return !now.data.trimmed().isEmpty() && now != m_settled;
}

void BatchPane::showRunProblem(const QString &problem)
{
    m_runProblem->setText(problem);
    m_runProblem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        QAccessibleEvent alert(m_runProblem, QAccessible::Alert);
        QAccessible::updateAccessibility(&alert);
    }
}

void BatchPane::batchChanged()
{
    showRunProblem({}); // it was about a batch that is no longer there
    m_adviceDelay->start();
}

void BatchPane::showAdvice()
{
    const BatchInput input = batchInput();
    QStringList advice = adviceBeforeRun(input);
    if (const QString undefined = markUndefinedVariables(input); !undefined.isEmpty())
        advice.prepend(undefined);
    if (!m_environmentsProblem.isEmpty())
        advice.prepend(m_environmentsProblem);
    m_advice->setText(advice.join(u'\n'));
    m_advice->setVisible(!advice.isEmpty());
}

void BatchPane::showExpectCount()
{
    const int count = m_expect->count();
    const QString title = count == 0 ? tr("E&xpect") : tr("E&xpect (%1)").arg(count);
    // A row that cannot be used is marked on the tab too, where the person may not be looking.
    m_tabs->setTabText(expectTab, m_expect->problems().isEmpty() ? title : title + u" \u26a0");
}

void BatchPane::showHeaderCount()
{
    const int count = int(m_headers->headers().size());
    m_tabs->setTabText(headersTab, count == 0 ? tr("&Headers") : tr("&Headers (%1)").arg(count));
}

void BatchPane::showSignInTitle()
{
    const bool signsIn = m_signIn->signIn().kind != SignInKind::None;
    m_tabs->setTabText(signInTab, signsIn ? tr("Sig&n-in \u2713") : tr("Sig&n-in"));
}

QWidget *BatchPane::buildEnvironmentRow()
{
    m_environment->setObjectName(QStringLiteral("environmentBox"));
    m_environment->setAccessibleName(tr("Environment"));
    m_environment->setToolTip(tr("Whose variables fill the {name}s of the addresses, headers "
                                 "and body: staging, production..."));
    auto *edit = new QToolButton(this);
    edit->setObjectName(QStringLiteral("editEnvironmentsButton"));
    edit->setText(tr("Edit..."));
    edit->setToolTip(tr("Add or change environments and their variables"));
    connect(edit, &QToolButton::clicked, this, &BatchPane::editEnvironments);
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_environment, 1);
    layout->addWidget(edit);
    return row;
}

void BatchPane::reloadEnvironments()
{
    const Expected<QList<Environment>> read = readEnvironmentsFile(defaultEnvironmentsPath());
    m_environmentsProblem = read ? QString() : read.error().message;
    m_environments = read ? *read : QList<Environment>();
    const QString chosen = m_environment->currentData().toString();
    const QSignalBlocker quiet(m_environment);
    m_environment->clear();
    m_environment->addItem(tr("No environment"), noEnvironment);
    for (const Environment &environment : std::as_const(m_environments))
        m_environment->addItem(environment.name, environment.name);
    setEnvironmentName(chosen);
    batchChanged();
}

void BatchPane::setEnvironmentName(const QString &name)
{
    if (m_environment->findData(name) < 0) // a batch from elsewhere: kept, and said at Run
        m_environment->addItem(tr("%1 (not defined here)").arg(name), name);
    m_environment->setCurrentIndex(m_environment->findData(name));
}

Environment BatchPane::chosenEnvironment() const
{
    const QString name = m_environment->currentData().toString();
    for (const Environment &environment : m_environments) {
        if (environment.name == name)
            return environment;
    }
    return {name, {}};
}

void BatchPane::editEnvironments()
{
    EnvironmentsDialog dialog(m_environments, m_environment->currentData().toString(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const Expected<> written
        = writeEnvironmentsFile(defaultEnvironmentsPath(), dialog.environments());
        !written) {
        showRunProblem(written.error().message);
        return;
    }
    reloadEnvironments();
    setEnvironmentName(dialog.shownEnvironment());
}

Expected<QString> BatchPane::adoptEnvironment(const Environment &imported)
{
    // Read again: salvo-cli or another window may have changed the file since.
    Expected<QList<Environment>> read = readEnvironmentsFile(defaultEnvironmentsPath());
    if (!read)
        return read.error();
    QList<Environment> &environments = *read;
    const auto same
            = std::find_if(environments.begin(), environments.end(),
                           [&](const Environment &each) { return each.name == imported.name; });
    Environment &kept = same != environments.end() ? *same : environments.emplaceBack(imported);
    // The import's values are the newest; one it leaves empty (a token kept out of the
    // file) does not erase the value the person gave here.
    for (auto value = imported.values.cbegin(); value != imported.values.cend(); ++value)
        if (!value.value().isEmpty() || !kept.values.contains(value.key()))
            kept.values.insert(value.key(), value.value());
    if (const Expected<> written = writeEnvironmentsFile(defaultEnvironmentsPath(), environments);
        !written)
        return written.error();
    reloadEnvironments();
    return imported.name;
}

QString BatchPane::markUndefinedVariables(const BatchInput &input)
{
    const Environment environment = chosenEnvironment();
    const QStringList undefined = undefinedVariablesIn(input, environment);
    m_bodyMarker->setUndefined(undefined);
    // Ids and a table's cells are values, not places for variables.
    m_listMarker->setUndefined(input.kind == InputKind::UrlList ? undefined : QStringList());
    return undefined.isEmpty() ? QString()
                               : undefinedVariablesSentence(undefined, environment.name);
}

} // namespace salvo::ui
