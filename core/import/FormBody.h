#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace salvo {

// A form's fields as the body a browser posts, for the importers that read forms (Postman's
// bodies, an API description's form parameters). `{name}`s are kept as they are, for the rows
// to fill.
using FormFields = QList<std::pair<QString, QString>>;

// application/x-www-form-urlencoded: name=value&...
QByteArray urlEncodedForm(const FormFields &fields);

// multipart/form-data, text fields only; its Content-Type names the boundary.
QByteArray multipartForm(const FormFields &fields);
QByteArray multipartFormType();

} // namespace salvo
