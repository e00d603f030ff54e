// SPDX-License-Identifier: MIT
// tools/objproc/output.hpp - what reaches the terminal: text that came from the network with its
// control characters escaped, and write failures (a closed pipe, a full disk) reported with an
// exit status of their own.
#ifndef OBJPROC_TOOLS_OUTPUT_HPP
#define OBJPROC_TOOLS_OUTPUT_HPP

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace objproc_cli {

/// Exit status when the output could not be written (EPIPE, ENOSPC ...): see main.cpp.
inline constexpr int exit_write_failed = 3;

/// `text` safe to print: C0 controls, DEL, C1 controls (U+0080..U+009F) and bytes that are not
/// UTF-8 become \xNN, a backslash becomes "\\"; everything else is kept. For text that came from
/// the network (service error messages, result fields): no escape sequence, no forged line.
[[nodiscard]] std::string printable(std::string_view text);

/// Whether a C1 control (U+0080-U+009F, UTF-8 C2 80-C2 9F; U+009B acts as CSI on some
/// terminals) starts at text[i]: printable() and the JSON lines both escape them.
[[nodiscard]] inline bool c1_control_at(std::string_view text, std::size_t i) noexcept {
  if (i + 1 >= text.size() || static_cast<unsigned char>(text[i]) != 0xC2) return false;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  return next >= 0x80 && next < 0xA0;
}

/// Writes `text` to `out` in full; false on a write error.
[[nodiscard]] bool write_all(std::FILE* out, std::string_view text);

/// Flushes stdout and stderr; when stdout failed, says so on stderr ("objproc: cannot write the
/// output: Broken pipe") and returns exit_write_failed, else `code`.
[[nodiscard]] int finish_output(int code);

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_OUTPUT_HPP
