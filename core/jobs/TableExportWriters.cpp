#include "TableExportWriters.h"

namespace salvo {

TableExportWriter::TableExportWriter(QIODevice *device, ResultFormat format)
    : ExportWriter(device)
    , m_format(format)
{ }

void TableExportWriter::begin(const ExportHeader &header)
{
    m_writer
            = ResultWriter::create(m_format, m_device, true, header.run.id, true,
                                   !header.run.certificatesChecked, inspectionFieldsOf(header.run));
}

void TableExportWriter::write(const Result &result)
{
    m_writer->write(result);
}

void TableExportWriter::finish()
{
    m_writer->finish();
}

qint64 TableExportWriter::cellsCut() const
{
    return m_writer ? m_writer->cellsCut() : 0;
}

} // namespace salvo
