// schedules.json, which a person may edit by hand or a crash may leave cut: one that reads must
// read back the same after Salvo writes it again.

#include "FuzzTarget.h"

#include "jobs/Schedule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto schedules = salvo::readSchedules(salvo::fuzz::bytesOf(data, size));
    if (!schedules)
        return 0;
    for (const salvo::Schedule &schedule : *schedules) {
        (void)salvo::nextCheckTime(schedule);
        (void)salvo::describeWhen(schedule);
    }
    const QByteArray written = salvo::writeSchedules(*schedules);
    const auto reread = salvo::readSchedules(written);
    salvo::fuzz::require(reread.hasValue(), "schedules Salvo wrote read again");
    salvo::fuzz::require(salvo::writeSchedules(*reread) == written,
                         "writing, reading and writing again gives the same schedules");
    return 0;
}
