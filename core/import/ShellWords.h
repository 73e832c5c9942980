#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace salvo {

// How a pasted command line is quoted: as bash writes it ("Copy as cURL (bash)": single
// quotes, $'...', backslash continuations), or as cmd.exe does ("Copy as cURL (cmd)": ^
// escapes and continuations, double quotes read by the C runtime's rules).
enum class ShellStyle { Posix, Cmd };

// cmd when the text has cmd's carets around its quotes or at its line ends.
ShellStyle guessShellStyle(QStringView text);

// One command of the text: its words as the shell hands them to the program.
struct ShellCommand
{
    int line = 0; // 1-based line where it starts
    QStringList words;
    QString problem; // an unclosed quote: the words are what was read up to it
};

// The commands of `text`, one per line once continuations are joined (a ; or && between
// two also parts them). Empty lines and # comments (POSIX) or REM lines (cmd) are skipped.
QList<ShellCommand> splitShellCommands(QStringView text, ShellStyle style);

} // namespace salvo
