#include "RowOrder.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "ResultsModel.h"

namespace salvo::ui {
namespace {

// Errors sort after every HTTP status, grouped by kind.
constexpr qint64 errorSortBase = 1000;

std::string_view bytesOf(QByteArrayView text)
{
    return {text.data(), size_t(text.size())};
}

// The key of a column that sorts by a number; nullopt for the columns that sort by text.
std::optional<qint64> numericKey(int column, const RowCells &cells)
{
    // The Passed column, when there is one: failed, then passed, then rows not checked.
    if (column == int(ResultsModel::ColumnCount))
        return cells.hasFlag(RowCells::Checked) ? (cells.isUnmet() ? 0 : 1) : 2;
    switch (column) {
    case ResultsModel::IndexColumn:
        return cells.inputRow;
    case ResultsModel::StatusColumn:
        return cells.error != 0 ? errorSortBase + cells.error : cells.status;
    case ResultsModel::TimeColumn:
        return cells.elapsedMs;
    case ResultsModel::SizeColumn:
        return cells.bytes;
    case ResultsModel::AttemptsColumn:
        return cells.attempts;
    default:
        return std::nullopt;
    }
}

// Each interned text's place among all of them in order: a column of them then sorts by
// number, not by comparing a text per comparison.
std::vector<int> ranksOf(const InternedTexts &texts)
{
    std::vector<int> byText(size_t(texts.count()));
    for (size_t id = 0; id < byText.size(); ++id)
        byText[id] = int(id);
    std::sort(byText.begin(), byText.end(),
              [&](int a, int b) { return texts.text(quint32(a)) < texts.text(quint32(b)); });
    std::vector<int> rank(byText.size());
    for (size_t place = 0; place < byText.size(); ++place)
        rank[size_t(byText[place])] = int(place);
    return rank;
}

// The first of the columns of values, after the Passed column when there is one.
int firstValueColumnOf(const CompactResults &rows)
{
    return int(ResultsModel::ColumnCount) + (rows.expects() ? 1 : 0);
}

// A value's key: numbers first and by number, then texts by text, then empty cells.
struct ValueKey
{
    int group = 0; // 0 a number, 1 a text, 2 nothing
    double number = 0;
    QString text;

    static ValueKey of(const QString &value)
    {
        if (value.isEmpty())
            return {2, 0, {}};
        bool isNumber = false;
        const double parsed = value.trimmed().toDouble(&isNumber);
        return isNumber ? ValueKey{0, parsed, {}} : ValueKey{1, 0, value};
    }
    int compare(const ValueKey &other) const
    {
        if (group != other.group)
            return group < other.group ? -1 : 1;
        if (group == 0)
            return number < other.number ? -1 : (number > other.number ? 1 : 0);
        return text.compare(other.text, Qt::CaseInsensitive);
    }
};

// Rows of a column of values, sorted with their keys made once each: a million rows would
// otherwise read and parse two cells per comparison.
void sortByValue(std::vector<int> &order, const CompactResults &rows, int valueColumn,
                 Qt::SortOrder direction)
{
    std::vector<std::pair<ValueKey, int>> keyed(order.size());
    for (size_t i = 0; i < order.size(); ++i)
        keyed[i] = {ValueKey::of(rows.value(order[i], valueColumn)), order[i]};
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto &a, const auto &b) {
        const int compared = a.first.compare(b.first);
        return direction == Qt::AscendingOrder ? compared < 0 : compared > 0;
    });
    for (size_t i = 0; i < keyed.size(); ++i)
        order[i] = keyed[i].second;
}

} // namespace

RowFilter::RowFilter(const QString &statusClass, const QString &searchText,
                     std::shared_ptr<const std::vector<char>> bodyMatches)
    : m_search(searchText)
    , m_bodyMatches(std::move(bodyMatches))
{
    if (statusClass.isEmpty())
        m_kind = Kind::All;
    else if (statusClass == errorsClass())
        m_kind = Kind::Errors;
    else if (statusClass == redirectedClass())
        m_kind = Kind::Redirected;
    else if (statusClass == unmetClass())
        m_kind = Kind::Unmet;
    else if (statusClass.size() == 3 && statusClass.endsWith(u"xx")
             && statusClass.front().isDigit())
        m_kind = Kind::StatusClass;
    else
        m_kind = Kind::Error;
    m_statusClass = m_kind == Kind::StatusClass ? statusClass.front().digitValue() : 0;
    m_error = m_kind == Kind::Error ? errorKindFromName(statusClass) : ErrorKind::None;
}

bool RowFilter::accepts(const CompactResults &rows, int row) const
{
    const RowCells &cells = rows.cells(row);
    switch (m_kind) {
    case Kind::All:
        break;
    case Kind::StatusClass:
        if (cells.error != 0 || cells.status / 100 != m_statusClass)
            return false;
        break;
    case Kind::Errors:
        if (cells.error == 0)
            return false;
        break;
    case Kind::Redirected:
        if (!cells.isRedirected())
            return false;
        break;
    case Kind::Unmet:
        if (!cells.isUnmet())
            return false;
        break;
    case Kind::Error:
        if (cells.errorKind() != m_error)
            return false;
        break;
    }
    if (m_search.isEmpty())
        return true;
    if (m_bodyMatches && cells.inputRow >= 0 && size_t(cells.inputRow) < m_bodyMatches->size()
        && (*m_bodyMatches)[size_t(cells.inputRow)] != 0)
        return true;
    return QString::fromUtf8(rows.urlUtf8(row)).contains(m_search, Qt::CaseInsensitive)
            || rows.message(row).contains(m_search, Qt::CaseInsensitive)
            || rows.values(row).contains(m_search, Qt::CaseInsensitive)
            || (cells.isUnmet()
                && rows.unmet(row).join(u'\n').contains(m_search, Qt::CaseInsensitive));
}

salvo::ResultFilter RowFilter::historyFilter() const
{
    switch (m_kind) {
    case Kind::All:
        return {};
    case Kind::StatusClass:
        return ResultFilter::ofStatusClass(m_statusClass);
    case Kind::Errors:
        return ResultFilter::transportErrors();
    case Kind::Redirected:
        return ResultFilter::redirected();
    case Kind::Unmet:
        return ResultFilter::unmet();
    case Kind::Error:
        return ResultFilter::ofError(m_error);
    }
    return {};
}

RowSort::RowSort(int column, Qt::SortOrder order)
    : m_column(column)
    , m_order(order)
{ }

int RowSort::compare(const CompactResults &rows, int a, int b) const
{
    if (m_column >= firstValueColumnOf(rows)) {
        const int value = m_column - firstValueColumnOf(rows);
        return ValueKey::of(rows.value(a, value)).compare(ValueKey::of(rows.value(b, value)));
    }
    if (const std::optional<qint64> first = numericKey(m_column, rows.cells(a))) {
        const qint64 second = *numericKey(m_column, rows.cells(b));
        return *first < second ? -1 : (*first > second ? 1 : 0);
    }
    switch (m_column) {
    case ResultsModel::UrlColumn:
        return bytesOf(rows.urlUtf8(a)).compare(bytesOf(rows.urlUtf8(b)));
    case ResultsModel::ContentTypeColumn:
        return rows.contentType(a).compare(rows.contentType(b));
    case ResultsModel::ErrorColumn:
        return rows.message(a).compare(rows.message(b));
    default:
        return 0;
    }
}

bool RowSort::before(const CompactResults &rows, int a, int b) const
{
    const int compared = m_column < 0 ? 0 : compare(rows, a, b);
    if (compared != 0)
        return m_order == Qt::AscendingOrder ? compared < 0 : compared > 0;
    return a < b;
}

std::vector<int> orderRows(const CompactResults &rows, const RowFilter &filter, const RowSort &sort)
{
    std::vector<int> order;
    order.reserve(size_t(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        if (filter.acceptsAll() || filter.accepts(rows, row))
            order.push_back(row);
    }
    if (sort.column() < 0)
        return order;
    if (sort.column() >= firstValueColumnOf(rows)) {
        sortByValue(order, rows, sort.column() - firstValueColumnOf(rows), sort.order());
        return order;
    }

    // Numbers to sort by, next to each row: a million rows sort in a tenth of a second this
    // way, against seconds when each comparison looks its two rows up.
    std::vector<int> ranks;
    if (sort.column() == ResultsModel::ContentTypeColumn)
        ranks = ranksOf(rows.contentTypes());
    else if (sort.column() == ResultsModel::ErrorColumn)
        ranks = ranksOf(rows.messages());
    const bool numeric = numericKey(sort.column(), RowCells()).has_value() || !ranks.empty();
    if (!numeric) {
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return sort.before(rows, a, b); });
        return order;
    }
    std::vector<std::pair<qint64, int>> keyed(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
        const RowCells &cells = rows.cells(order[i]);
        const qint64 key = ranks.empty()
                ? *numericKey(sort.column(), cells)
                : ranks[sort.column() == ResultsModel::ContentTypeColumn ? cells.contentType
                                                                         : cells.message];
        keyed[i] = {sort.order() == Qt::AscendingOrder ? key : -key, order[i]};
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size(); ++i)
        order[i] = keyed[i].second;
    return order;
}

} // namespace salvo::ui
