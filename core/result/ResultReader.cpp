#include "ResultReader.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <limits>
#include <optional>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::ResultReader")

constexpr qint64 intMaximum = std::numeric_limits<int>::max();
constexpr qint64 exactInDouble = qint64(1) << 53;

// Reads the fields of one record, keeping the first problem met: a record is either whole or
// refused with one sentence that names its field.
class RecordFields
{
public:
    explicit RecordFields(const QJsonObject &record)
        : m_record(record)
    { }

    std::optional<Error> problem() const { return m_problem; }
    const QJsonObject &object() const { return m_record; }

    // A whole number from `minimum` up to `maximum`: an int's range for counts and numbers of
    // rows, the integers a double holds exactly for times and sizes.
    qint64 count(const QString &key, qint64 minimum = 0, qint64 maximum = intMaximum)
    {
        const QJsonValue value = m_record.value(key);
        const qint64 number = value.toInteger(minimum - 1);
        if (!value.isDouble() || number < minimum || number > maximum
            || double(number) != value.toDouble())
            refuse(key, tr("a whole number of at least %1").arg(minimum));
        return number;
    }
    // A count that may be null (or, for fields newer than some outputs, absent).
    qint64 countOr(const QString &key, qint64 absent, qint64 minimum = 0,
                   qint64 maximum = intMaximum)
    {
        const QJsonValue value = m_record.value(key);
        return value.isNull() || value.isUndefined() ? absent : count(key, minimum, maximum);
    }
    QString text(const QString &key)
    {
        return ofType(key, &QJsonValue::isString, tr("text")).toString();
    }
    // Text, or null for none.
    QString textOrNull(const QString &key)
    {
        return m_record.value(key).isNull() ? QString() : text(key);
    }
    bool flag(const QString &key)
    {
        return ofType(key, &QJsonValue::isBool, tr("true or false")).toBool();
    }
    QStringList texts(const QString &key, bool mayBeAbsent = false)
    {
        const QJsonValue value = m_record.value(key);
        QStringList list;
        if (mayBeAbsent && value.isUndefined())
            return list;
        if (!value.isArray())
            refuse(key, tr("a list of texts"));
        for (const QJsonValue item : value.toArray()) {
            if (!item.isString())
                refuse(key, tr("a list of texts"));
            list.append(item.toString());
        }
        return list;
    }
    void refuse(const QString &key, const QString &expected)
    {
        if (m_problem)
            return;
        const QString message = m_record.contains(key)
                ? tr("its \"%1\" is not %2").arg(key, expected)
                : tr("it has no \"%1\"").arg(key);
        m_problem = Error{ErrorCode::Input, message};
    }

private:
    // The field's value; when `fits` says it is not of the type wanted, the problem is kept.
    QJsonValue ofType(const QString &key, bool (QJsonValue::*fits)() const, const QString &wanted)
    {
        const QJsonValue value = m_record.value(key);
        if (!(value.*fits)())
            refuse(key, wanted);
        return value;
    }

    const QJsonObject &m_record;
    std::optional<Error> m_problem;
};

void readOutcome(RecordFields &fields, Result &result)
{
    result.status = int(fields.countOr(QStringLiteral("status"), 0, 100));
    const QString error = fields.textOrNull(QStringLiteral("error"));
    result.error = error.isEmpty() ? ErrorKind::None : errorKindFromName(error);
    if (result.error != ErrorKind::None && errorKindName(result.error) != error)
        fields.refuse(QStringLiteral("error"), tr("an error salvo-cli names"));
    result.message = fields.textOrNull(QStringLiteral("message"));
    result.detail = fields.textOrNull(QStringLiteral("error_detail"));
    const QString timeout = fields.textOrNull(QStringLiteral("timeout"));
    result.timeout = timeoutKindFromName(timeout);
    if (!timeout.isEmpty() && result.timeout == TimeoutKind::None)
        fields.refuse(QStringLiteral("timeout"), tr("deadline or inactivity"));
}

void readAnswer(RecordFields &fields, Result &result)
{
    result.elapsedMs = fields.count(QStringLiteral("elapsed_ms"), 0, exactInDouble);
    result.firstByteMs = fields.countOr(QStringLiteral("first_byte_ms"), -1, 0, exactInDouble);
    result.bytes = fields.count(QStringLiteral("bytes"), 0, exactInDouble);
    result.truncated = fields.flag(QStringLiteral("truncated"));
    result.contentType = fields.textOrNull(QStringLiteral("content_type"));
    result.attempts = int(fields.count(QStringLiteral("attempts")));
    result.redirects = fields.texts(QStringLiteral("redirects"));
    result.resends = int(fields.countOr(QStringLiteral("resends"), 0));
    result.connection = connectionFactsFromJson(fields.object());
}

// The headers ("Name: value") and body that --bodies writes.
void readResponse(const QJsonObject &record, RecordFields &fields, Result &result)
{
    for (const QString &line : fields.texts(QStringLiteral("response_headers"), true)) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            fields.refuse(QStringLiteral("response_headers"), tr("a list of \"Name: value\""));
            return;
        }
        // "Name: value", as resultToJson() writes it; a value keeps any other space it has.
        const QStringView value = QStringView(line).sliced(colon + 1);
        result.headers.append({line.left(colon).toLatin1(),
                               (value.startsWith(u' ') ? value.sliced(1) : value).toUtf8()});
    }
    if (!record.contains(QStringLiteral("body")))
        return;
    const QString body = fields.text(QStringLiteral("body"));
    const QString encoding = fields.text(QStringLiteral("body_encoding"));
    if (encoding == u"utf-8")
        result.body = body.toUtf8();
    else if (encoding == u"base64")
        result.body = QByteArray::fromBase64(body.toLatin1());
    else
        fields.refuse(QStringLiteral("body_encoding"), tr("utf-8 or base64"));
}

} // namespace

Expected<Result> resultFromJson(const QJsonObject &record)
{
    RecordFields fields(record);
    Result result;
    result.index = int(fields.count(QStringLiteral("index")));
    result.line = int(fields.count(QStringLiteral("line")));
    result.url = fields.text(QStringLiteral("url"));
    result.method = fields.text(QStringLiteral("method")).toLatin1();
    readOutcome(fields, result);
    readAnswer(fields, result);
    readResponse(record, fields, result);
    const QJsonValue checked = record.value(QStringLiteral("certificates_checked"));
    result.certificatesUnchecked = checked.isBool() && !checked.toBool();
    if (const std::optional<Error> problem = fields.problem())
        return *problem;
    return result;
}

} // namespace salvo
