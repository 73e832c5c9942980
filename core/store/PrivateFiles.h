#pragma once

#include <QString>

namespace salvo {

// Answers can hold personal data and the history holds runs that signed in, so Salvo's own
// folders are readable by their owner only (0700), and so are the history, the schedules and
// their lock (0600), whatever the umask. Exports and saved batches are meant to be shared:
// they follow the umask and never come here.

// Makes the folder and any parent missing, and leaves the folder itself at 0700 (tightened when
// it was looser). False when it cannot be made.
bool ensurePrivateFolder(const QString &path);

// Creates the file empty at 0600 when it is not there, and tightens it to 0600 when it is
// (an older Salvo made it 0644). False when it cannot be made or changed.
bool ensurePrivateFile(const QString &path);

// Salvo's data folder and the folder of its settings, made and kept private: called once as
// each program starts, after the application's name is set.
void protectSalvoFolders();

} // namespace salvo
