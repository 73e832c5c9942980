#include "UrlListParser.h"

#include "LineRows.h"

namespace salvo {

QList<RequestSpec> parseUrlList(QByteArrayView data)
{
    return BatchRows(LineRows::read(data.toByteArray(), std::nullopt)).toList();
}

} // namespace salvo
