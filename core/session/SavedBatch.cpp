#include "SavedBatch.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include "batch/BatchSecrets.h"
#include "batch/SecretHeaders.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::SavedBatch")

const QString formatName = QStringLiteral("salvo-batch");

// Text stays readable in the file; bytes that are not UTF-8 go as base64.
void putBytes(QJsonObject &object, const QString &key, const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        object.insert(key, text);
    else
        object.insert(key + QStringLiteral("Base64"), QString::fromLatin1(bytes.toBase64()));
}

QByteArray takeBytes(const QJsonObject &object, const QString &key)
{
    if (object.contains(key + QStringLiteral("Base64")))
        return QByteArray::fromBase64(
                object.value(key + QStringLiteral("Base64")).toString().toLatin1());
    return object.value(key).toString().toUtf8();
}

// The batch's sign-in (its secrets left out), proxy and environment; whether it has any.
bool putNetworkChoices(QJsonObject &request, const BatchInput &input)
{
    if (input.signIn.kind != SignInKind::None)
        request.insert(QStringLiteral("signIn"),
                       signInToJson(withoutSecrets({.signIn = input.signIn}).signIn));
    if (input.proxyMode)
        request.insert(QStringLiteral("proxy"), proxyModeName(*input.proxyMode));
    if (!input.environmentName.isEmpty())
        request.insert(QStringLiteral("environment"), input.environmentName);
    return input.signIn.kind != SignInKind::None || input.proxyMode
            || !input.environmentName.isEmpty();
}

void takeNetworkChoices(const QJsonObject &request, BatchInput &input)
{
    input.signIn = signInFromJson(request.value(QStringLiteral("signIn")).toObject());
    input.proxyMode = proxyModeFromName(request.value(QStringLiteral("proxy")).toString());
    input.environmentName = request.value(QStringLiteral("environment")).toString();
}

} // namespace

QByteArray writeSavedBatch(const SavedBatch &batch)
{
    QJsonObject input{{QStringLiteral("kind"), inputKindName(batch.input.kind)}};
    if (!batch.input.templateInUse().isEmpty())
        input.insert(QStringLiteral("template"), batch.input.templateInUse());
    putBytes(input, QStringLiteral("text"), batch.input.data);

    QJsonArray headers;
    QJsonArray withheld;
    for (const QByteArray &name : batch.withheldHeaders)
        withheld.append(QString::fromLatin1(name));
    const SplitHeaders split = splitSecretHeaders(batch.input.headers);
    QList<QByteArray> secretNames = signInSecretNames(batch.input.signIn.kind);
    for (const auto &[name, value] : split.secret)
        secretNames.append(name);
    for (const QByteArray &name : secretNames) {
        if (!batch.withheldHeaders.contains(name))
            withheld.append(QString::fromLatin1(name));
    }
    for (const auto &[name, value] : split.kept)
        headers.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(batch.input.method)},
                        {QStringLiteral("headers"), headers},
                        {QStringLiteral("withheldHeaders"), withheld}};
    putBytes(request, QStringLiteral("body"), batch.input.body);
    const bool reaches = putNetworkChoices(request, batch.input);

    // A batch stays at the oldest version that has all it holds, so an older Salvo opens it;
    // one that would run it without its checks or its sign-in refuses it instead.
    const bool inspects = !batch.input.inspection.isEmpty();
    const int version = reaches ? savedBatchVersion : inspects ? 2 : 1;
    QJsonObject document{{QStringLiteral("format"), formatName},
                         {QStringLiteral("version"), version},
                         {QStringLiteral("name"), batch.name},
                         {QStringLiteral("input"), input},
                         {QStringLiteral("request"), request},
                         {QStringLiteral("options"), runOptionsToJson(batch.options)}};
    if (inspects)
        document.insert(QStringLiteral("inspect"), inspectionToJson(batch.input.inspection));
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

Expected<SavedBatch> readSavedBatch(QByteArrayView text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || root.value(QStringLiteral("format")).toString() != formatName)
        return inputError(tr("This file is not a saved Salvo batch."));
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (version > savedBatchVersion) {
        return inputError(tr("This batch was saved by a newer Salvo (format version %1; this "
                             "Salvo reads up to %2). Open it with a newer Salvo.")
                                  .arg(version)
                                  .arg(savedBatchVersion));
    }
    if (version < 1)
        return inputError(tr("This saved batch has no valid format version."));
    // Upgrades from older versions go here, one step per version, before reading.

    SavedBatch batch;
    batch.name = root.value(QStringLiteral("name")).toString();
    const QJsonObject input = root.value(QStringLiteral("input")).toObject();
    const std::optional<InputKind> kind
            = inputKindFromName(input.value(QStringLiteral("kind")).toString());
    if (!kind)
        return inputError(tr("This saved batch names a kind of list this Salvo does not know."));
    batch.input.kind = *kind;
    batch.input.urlTemplate = input.value(QStringLiteral("template")).toString();
    batch.input.data = takeBytes(input, QStringLiteral("text"));

    const QJsonObject request = root.value(QStringLiteral("request")).toObject();
    const QString method = request.value(QStringLiteral("method")).toString();
    batch.input.method = method.isEmpty() ? QByteArrayLiteral("GET") : method.toLatin1();
    for (const QJsonValue &header : request.value(QStringLiteral("headers")).toArray()) {
        const QJsonArray pair = header.toArray();
        if (pair.size() == 2)
            batch.input.headers.append(
                    {pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    for (const QJsonValue &name : request.value(QStringLiteral("withheldHeaders")).toArray())
        batch.withheldHeaders.append(name.toString().toLatin1());
    batch.input.body = takeBytes(request, QStringLiteral("body"));
    takeNetworkChoices(request, batch.input);
    batch.options = runOptionsFromJson(root.value(QStringLiteral("options")).toObject());
    Expected<InspectionPlan> inspection
            = inspectionFromJson(root.value(QStringLiteral("inspect")).toObject());
    if (!inspection)
        return inputError(tr("This saved batch's expectations cannot be read. %1")
                                  .arg(inspection.error().message));
    batch.input.inspection = std::move(inspection.value());
    return batch;
}

} // namespace salvo
