// A response body as the inspector shows it (JSON tree, text or hex) and as comparisons read
// it. The first byte picks the Content-Type and whether the body was cut; the rest is the body.

#include "FuzzTarget.h"

#include <array>

#include <QString>

#include "compare/ComparableBody.h"
#include "inspector/PreparedBody.h"

namespace {

// Images are left out: their decoders are Qt's, not Salvo's.
constexpr std::array contentTypes = {
        "",
        "application/json",
        "application/problem+json; charset=utf-8",
        "text/plain",
        "text/html; charset=iso-8859-1",
        "application/octet-stream",
        "TEXT/JSON",
        "application/json;",
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t choice = data[0];
    const QByteArray body = salvo::fuzz::bytesOf(data + 1, size - 1).toByteArray();
    const QString contentType = QString::fromLatin1(contentTypes[choice % contentTypes.size()]);
    const bool truncated = choice & 0x80;

    using salvo::ui::PreparedBody;
    const PreparedBody prepared = salvo::ui::prepareBody(body, contentType, truncated, body.size());
    salvo::fuzz::require((prepared.kind == PreparedBody::Kind::Empty) == body.isEmpty(),
                         "only an empty body shows as empty");
    salvo::fuzz::require(prepared.kind != PreparedBody::Kind::Json || prepared.tree,
                         "a body shown as JSON has its tree");
    if (prepared.kind == PreparedBody::Kind::Json) {
        using Type = salvo::ui::JsonTree::Type;
        const Type top = prepared.tree->node(0).type;
        salvo::fuzz::require(top == Type::Array || top == Type::Object,
                             "a tree is shown only for an array or an object");
    }
    salvo::fuzz::require(prepared.text.size() <= 8 * salvo::ui::textDisplayCap,
                         "what a view shows stays within its cap");

    (void)salvo::comparableBodyText(body);
    salvo::fuzz::require(salvo::bodyDigest(body) == salvo::bodyDigest(body),
                         "a body's digest is the same each time");
    return 0;
}
