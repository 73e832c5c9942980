#include "FormBody.h"

#include <QUrl>

namespace salvo {
namespace {

// The line between a form's parts; no value a person types holds it.
constexpr QByteArrayView formBoundary = "salvo-form-7d1b4c9e2f";

} // namespace

QByteArray urlEncodedForm(const FormFields &fields)
{
    QByteArrayList pairs;
    for (const auto &[name, value] : fields)
        pairs.append(QUrl::toPercentEncoding(name, "{}") + '='
                     + QUrl::toPercentEncoding(value, "{}"));
    return pairs.join('&');
}

QByteArray multipartForm(const FormFields &fields)
{
    if (fields.isEmpty())
        return {};
    QByteArray form;
    for (const auto &[name, value] : fields) {
        QByteArray quotedName = name.toUtf8();
        quotedName.replace('"', "%22");
        form += "--" + formBoundary.toByteArray() + "\r\n"
                + "Content-Disposition: form-data; name=\"" + quotedName + "\"\r\n\r\n"
                + value.toUtf8() + "\r\n";
    }
    return form + "--" + formBoundary.toByteArray() + "--\r\n";
}

QByteArray multipartFormType()
{
    return "multipart/form-data; boundary=" + formBoundary.toByteArray();
}

} // namespace salvo
