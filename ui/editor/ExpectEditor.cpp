#include "ExpectEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QShortcut>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

#include "inspect/ExpressionCheck.h"

namespace salvo::ui {
namespace {

using Kind = Expectation::Kind;

constexpr int kindColumn = 0; // expectations: kind, value
constexpr int valueColumn = 1;
constexpr int nameColumn = 0; // columns: name, kind, expression
constexpr int columnKindColumn = 1;
constexpr int expressionColumn = 2;
// Whether an expression compiles is checked after a pause in typing: jq's check is a round
// trip to its process.
constexpr int checkDelayMs = 300;

struct KindChoice
{
    Kind kind;
    const char *label;
    const char *example;
};

// In the order a person reaches for them.
const KindChoice kindChoices[] = {
        {Kind::Status, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Status is"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "200, 2xx or 301|302")},
        {Kind::Json, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "JSON test (jq)"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", ".inStock == true")},
        {Kind::BodyContains, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Body contains"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Add to cart")},
        {Kind::BodyLacks, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Body does not contain"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Sign in")},
        {Kind::FinalUrl, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Final address is"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "https://example.com/done")},
        {Kind::FinalUrlPrefix,
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Final address starts with"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "https://example.com/")},
        {Kind::Header, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Header"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Cache-Control: *max-age*")},
        {Kind::ContentType, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Content type"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "json")},
        {Kind::MaxTimeMs, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Time under (ms)"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "500")},
        {Kind::MinBytes, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Size above (bytes)"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "100")},
        {Kind::MaxBytes, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Size below (bytes)"),
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "1000000")},
};

struct ColumnKindChoice
{
    Extractor::Kind kind;
    const char *label;
};

const ColumnKindChoice columnKindChoices[] = {
        {Extractor::Kind::Jq, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "jq (JSON)")},
        {Extractor::Kind::XPath, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "XPath (HTML, XML)")},
        {Extractor::Kind::Regex,
         QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Regular expression")},
        {Extractor::Kind::Header, QT_TRANSLATE_NOOP("salvo::ui::ExpectEditor", "Header")},
};

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

int comboData(const QTableWidget *table, int row, int column)
{
    const auto *box = qobject_cast<const QComboBox *>(table->cellWidget(row, column));
    return box ? box->currentData().toInt() : 0;
}

// The prefix Extractor::parse() reads for each kind.
QString prefixOf(Extractor::Kind kind)
{
    return extractorKindName(kind) + u':';
}

struct TypedRow
{
    int row = 0;
    int kind = 0;
    QString name;
    QString text;
};

// Runs on the thread pool: each row read as a run would read it, and each expression compiled.
template<typename Checked>
Checked checkRows(const QList<TypedRow> &expectations, const QList<TypedRow> &columns)
{
    Checked checked;
    for (const TypedRow &typed : expectations) {
        Expected<Expectation> expectation = Expectation::parse(Kind(typed.kind), typed.text);
        Expected<> usable = expectation ? Expected<>() : Expected<>(expectation.error());
        if (expectation && expectation->kind == Kind::Json)
            usable = checkJq(typed.text);
        if (!usable) {
            checked.expectationRows.append(typed.row);
            checked.expectationProblems.append(ExpectEditor::tr("Expectation %1: %2")
                                                       .arg(typed.row + 1)
                                                       .arg(usable.error().message));
        }
    }
    QStringList names;
    for (const TypedRow &typed : columns) {
        Expected<Extractor> extractor = Extractor::parse(
                typed.name.trimmed() + u'=' + prefixOf(Extractor::Kind(typed.kind)) + typed.text);
        Expected<> usable = extractor ? checkExtractor(*extractor) : Expected<>(extractor.error());
        if (usable && names.contains(extractor->name))
            usable = inputError(
                    ExpectEditor::tr("another column is called %1").arg(extractor->name));
        if (extractor)
            names.append(extractor->name);
        if (!usable) {
            checked.columnRows.append(typed.row);
            checked.columnProblems.append(ExpectEditor::tr("Column %1: %2")
                                                  .arg(typed.row + 1)
                                                  .arg(usable.error().message));
        }
    }
    return checked;
}

} // namespace

ExpectEditor::ExpectEditor(QWidget *parent)
    : QWidget(parent)
    , m_expectations(new QTableWidget(0, 2, this))
    , m_columns(new QTableWidget(0, 3, this))
    , m_remove(new QToolButton(this))
    , m_problemsLabel(new QLabel(this))
    , m_checkDelay(new QTimer(this))
{
    setUpTables();
    m_remove->setObjectName(QStringLiteral("removeExpectationButton"));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Removes the selected rows (Delete)"));
    m_remove->setAccessibleName(tr("Remove the selected expectations or columns"));
    m_problemsLabel->setObjectName(QStringLiteral("expectProblems"));
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setTextFormat(Qt::PlainText);
    m_problemsLabel->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problemsLabel->hide();

    auto *expectHeading = new QLabel(tr("Each answer must meet all of these:"), this);
    auto *columnsHeading = new QLabel(tr("Columns to read out of each answer:"), this);
    expectHeading->setBuddy(m_expectations);
    columnsHeading->setBuddy(m_columns);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(expectHeading);
    layout->addWidget(m_expectations, 1);
    layout->addWidget(columnsHeading);
    layout->addWidget(m_columns, 1);
    layout->addWidget(m_problemsLabel);
    layout->addLayout(buttons);

    m_checkDelay->setSingleShot(true);
    m_checkDelay->setInterval(checkDelayMs);
    connect(m_checkDelay, &QTimer::timeout, this, &ExpectEditor::checkSoon);
    connect(&m_checking, &QFutureWatcher<Checked>::finished, this,
            [this] { showChecked(m_checking.result()); });
    auto *deleteKey = new QShortcut(QKeySequence::Delete, this, nullptr, nullptr,
                                    Qt::WidgetWithChildrenShortcut);
    deleteKey->setWhatsThis(tr("Remove the selected expectations or columns"));
    connect(deleteKey, &QShortcut::activated, this, &ExpectEditor::removeSelectedRows);
    connect(m_remove, &QToolButton::clicked, this, &ExpectEditor::removeSelectedRows);
    for (QTableWidget *table : {m_expectations, m_columns}) {
        connect(table, &QTableWidget::itemChanged, this, [this] {
            if (!m_updating)
                edited();
        });
    }
    keepOneEmptyRowAtTheEnd(m_expectations);
    keepOneEmptyRowAtTheEnd(m_columns);
}

ExpectEditor::~ExpectEditor()
{
    m_checking.waitForFinished(); // a check holds no pointer to this, but its result is ours
}

void ExpectEditor::setUpTables()
{
    m_expectations->setObjectName(QStringLiteral("expectationsTable"));
    m_expectations->setAccessibleName(tr("What every answer must be"));
    m_expectations->setHorizontalHeaderLabels({tr("Expect"), tr("Value")});
    m_expectations->setToolTip(tr("Choose what to expect in the last row and type its value, "
                                  "such as Status is 200, or JSON test (jq) .inStock == true"));
    m_columns->setObjectName(QStringLiteral("extractColumnsTable"));
    m_columns->setAccessibleName(tr("Columns read out of every answer"));
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("Read with"), tr("Expression")});
    m_columns->setToolTip(tr("Name a column and say how to read it: jq .price, XPath //h1, a "
                             "regular expression with one group, or a header's name"));
    for (QTableWidget *table : {m_expectations, m_columns}) {
        table->horizontalHeader()->setStretchLastSection(true);
        table->verticalHeader()->hide();
    }
    // The value or expression gets the room that is left: it is what a person types.
    m_expectations->setColumnWidth(kindColumn, 170);
    m_columns->setColumnWidth(nameColumn, 80);
    m_columns->setColumnWidth(columnKindColumn, 130);
}

void ExpectEditor::addKindBox(int row)
{
    auto *box = new QComboBox(m_expectations);
    for (const KindChoice &choice : kindChoices)
        box->addItem(tr(choice.label), int(choice.kind));
    box->setAccessibleName(tr("What to expect"));
    const auto showExample = [box] {
        const int kind = box->currentData().toInt();
        for (const KindChoice &choice : kindChoices) {
            if (int(choice.kind) == kind)
                box->setToolTip(tr("For example: %1").arg(tr(choice.example)));
        }
    };
    showExample();
    connect(box, &QComboBox::currentIndexChanged, this, [this, showExample] {
        showExample();
        if (!m_updating)
            edited();
    });
    m_expectations->setCellWidget(row, kindColumn, box);
}

void ExpectEditor::addColumnKindBox(int row)
{
    auto *box = new QComboBox(m_columns);
    for (const ColumnKindChoice &choice : columnKindChoices)
        box->addItem(tr(choice.label), int(choice.kind));
    box->setAccessibleName(tr("How to read the column"));
    connect(box, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            edited();
    });
    m_columns->setCellWidget(row, columnKindColumn, box);
}

void ExpectEditor::keepOneEmptyRowAtTheEnd(QTableWidget *table)
{
    const QSignalBlocker blocker(table);
    // The kind's box is not typed into: a row is empty when its text cells are. (Not told by
    // cellWidget(): an open editor counts as one.)
    const int boxColumn = table == m_expectations ? kindColumn : columnKindColumn;
    const auto isEmpty = [&](int row) {
        for (int column = 0; column < table->columnCount(); ++column) {
            if (column != boxColumn && !cellText(table, row, column).trimmed().isEmpty())
                return false;
        }
        return true;
    };
    for (int row = table->rowCount() - 2; row >= 0; --row) {
        if (isEmpty(row) && table->currentRow() != row)
            table->removeRow(row);
    }
    const int last = table->rowCount() - 1;
    if (last >= 0 && isEmpty(last))
        return;
    const int row = table->rowCount();
    table->insertRow(row);
    if (table == m_expectations)
        addKindBox(row);
    else
        addColumnKindBox(row);
}

QList<std::pair<int, Expected<Expectation>>> ExpectEditor::typedExpectations() const
{
    QList<std::pair<int, Expected<Expectation>>> typed;
    for (int row = 0; row < m_expectations->rowCount(); ++row) {
        const QString value = cellText(m_expectations, row, valueColumn);
        if (value.trimmed().isEmpty())
            continue;
        typed.append({row,
                      Expectation::parse(Kind(comboData(m_expectations, row, kindColumn)),
                                         value.trimmed())});
    }
    return typed;
}

QList<std::pair<int, Expected<Extractor>>> ExpectEditor::typedColumns() const
{
    QList<std::pair<int, Expected<Extractor>>> typed;
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        const QString name = cellText(m_columns, row, nameColumn).trimmed();
        const QString expression = cellText(m_columns, row, expressionColumn).trimmed();
        if (name.isEmpty() && expression.isEmpty())
            continue;
        const auto kind = Extractor::Kind(comboData(m_columns, row, columnKindColumn));
        typed.append({row, Extractor::parse(name + u'=' + prefixOf(kind) + expression)});
    }
    return typed;
}

InspectionPlan ExpectEditor::inspection() const
{
    InspectionPlan plan;
    for (const auto &[row, expectation] : typedExpectations()) {
        if (expectation && !m_checked.expectationRows.contains(row))
            plan.expectations.append(*expectation);
    }
    QStringList names;
    for (const auto &[row, extractor] : typedColumns()) {
        if (extractor && !m_checked.columnRows.contains(row) && !names.contains(extractor->name)) {
            names.append(extractor->name);
            plan.extractors.append(*extractor);
        }
    }
    return plan;
}

void ExpectEditor::setInspection(const InspectionPlan &plan)
{
    m_updating = true;
    m_expectations->setRowCount(0);
    m_columns->setRowCount(0);
    for (const Expectation &expectation : plan.expectations) {
        const int row = m_expectations->rowCount();
        m_expectations->insertRow(row);
        addKindBox(row);
        auto *box = qobject_cast<QComboBox *>(m_expectations->cellWidget(row, kindColumn));
        box->setCurrentIndex(std::max(0, box->findData(int(expectation.kind))));
        m_expectations->setItem(row, valueColumn,
                                new QTableWidgetItem(expectation.written.isNull()
                                                             ? expectation.text
                                                             : expectation.written));
    }
    for (const Extractor &extractor : plan.extractors) {
        const int row = m_columns->rowCount();
        m_columns->insertRow(row);
        addColumnKindBox(row);
        auto *box = qobject_cast<QComboBox *>(m_columns->cellWidget(row, columnKindColumn));
        box->setCurrentIndex(std::max(0, box->findData(int(extractor.kind))));
        m_columns->setItem(row, nameColumn, new QTableWidgetItem(extractor.name));
        m_columns->setItem(row, expressionColumn, new QTableWidgetItem(extractor.expression));
    }
    m_updating = false;
    edited();
}

int ExpectEditor::count() const
{
    return int(typedExpectations().size() + typedColumns().size());
}

void ExpectEditor::edited()
{
    keepOneEmptyRowAtTheEnd(m_expectations);
    keepOneEmptyRowAtTheEnd(m_columns);
    m_checkDelay->start();
    emit inspectionChanged();
}

void ExpectEditor::checkSoon()
{
    if (m_checking.isRunning()) {
        m_checkDelay->start(); // the check under way is for older text: one more after it
        return;
    }
    QList<TypedRow> expectations;
    for (int row = 0; row < m_expectations->rowCount(); ++row) {
        const QString value = cellText(m_expectations, row, valueColumn).trimmed();
        if (!value.isEmpty())
            expectations.append({row, comboData(m_expectations, row, kindColumn), {}, value});
    }
    QList<TypedRow> columns;
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        const QString name = cellText(m_columns, row, nameColumn);
        const QString expression = cellText(m_columns, row, expressionColumn).trimmed();
        if (!name.trimmed().isEmpty() || !expression.isEmpty())
            columns.append({row, comboData(m_columns, row, columnKindColumn), name, expression});
    }
    m_checking.setFuture(QtConcurrent::run(checkRows<Checked>, expectations, columns));
}

void ExpectEditor::showChecked(const Checked &checked)
{
    if (m_checkDelay->isActive())
        return; // typed on since: the next check says
    const QSignalBlocker expectationsBlocker(m_expectations);
    const QSignalBlocker columnsBlocker(m_columns);
    const auto mark = [](QTableWidget *table, int column, const QList<int> &rows,
                         const QStringList &problems) {
        for (int row = 0; row < table->rowCount(); ++row) {
            QTableWidgetItem *item = table->item(row, column);
            const qsizetype problem = rows.indexOf(row);
            if (!item) {
                if (problem < 0)
                    continue;
                item = new QTableWidgetItem;
                table->setItem(row, column, item);
            }
            item->setForeground(problem < 0 ? QBrush() : QBrush(QColor(200, 40, 40)));
            item->setToolTip(problem < 0 ? QString() : problems.at(problem));
        }
    };
    mark(m_expectations, valueColumn, checked.expectationRows, checked.expectationProblems);
    mark(m_columns, expressionColumn, checked.columnRows, checked.columnProblems);
    m_checked = checked;
    m_problems = checked.expectationProblems + checked.columnProblems;
    m_problemsLabel->setText(m_problems.join(u'\n'));
    m_problemsLabel->setVisible(!m_problems.isEmpty());
    emit inspectionChanged();
}

void ExpectEditor::removeSelectedRows()
{
    for (QTableWidget *table : {m_expectations, m_columns}) {
        QList<int> rows;
        for (const QModelIndex &index : table->selectionModel()->selectedIndexes())
            rows.append(index.row());
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        const QSignalBlocker blocker(table);
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            table->removeRow(*it);
    }
    edited();
}

} // namespace salvo::ui
