#include "BatchPreparation.h"

namespace salvo {

NetworkAccess accessForBatch(const BatchInput &input, const NetworkAccess &settings)
{
    NetworkAccess access = settings;
    // "Manual" means the proxy typed in Settings; the others need nothing typed.
    if (input.proxyMode)
        access.proxy.mode = *input.proxyMode;
    access.signIn = input.signIn;
    return access;
}

Expected<PreparedBatch> prepareBatch(const BatchInput &input, const NetworkAccess &settings,
                                     const QString &environmentsPath)
{
    Environment environment;
    if (!input.environmentName.isEmpty()) {
        Expected<Environment> found = findEnvironment(environmentsPath, input.environmentName);
        if (!found)
            return found.error();
        environment = std::move(*found);
    }
    Expected<BatchSpec> batch = buildBatch(input, environment);
    if (!batch)
        return batch.error();
    PreparedBatch prepared{std::move(*batch), {}};
    NetworkAccess batchAccess = accessForBatch(input, settings);
    for (QString *field : signInTexts(batchAccess.signIn)) // a token kept as {token}
        *field = withEnvironment(*field, environment);
    Expected<std::shared_ptr<const RunAccess>> access
            = RunAccess::prepare(batchAccess, &prepared.warnings);
    if (!access)
        return access.error();
    prepared.batch.access = std::move(*access);
    return prepared;
}

} // namespace salvo
