// SPDX-License-Identifier: MIT
// tools/objproc/args.hpp - command-line flags: "--name value", "--name=value" and switches.
//
// Each command declares its flags as a table; anything not in the table is an error naming the
// flag (exit 2), so a typo never silently falls back to a default. A flag given twice is an
// error too, unless its spec says it is repeatable (--meta KEY=VALUE ...).
#ifndef OBJPROC_TOOLS_ARGS_HPP
#define OBJPROC_TOOLS_ARGS_HPP

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace objproc_cli {

/// Exit codes: 0 success, 1 the operation failed (bad style, service error), 2 bad usage;
/// 3 the output could not be written (output.hpp: exit_write_failed).
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;
inline constexpr int exit_usage = 2;

struct flag_spec {
  std::string_view name;        // without the leading "--"
  std::string_view value_name;  // empty: a switch that takes no value
  std::string_view help;
  bool repeatable = false;  // may be given more than once: read it with get_all()
};

struct parsed_args {
  std::vector<std::pair<std::string, std::string>> flags;  // in command-line order
  std::vector<std::string> positionals;
  bool help = false;

  /// The value of --name, if given (the first, for a repeatable flag).
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  /// Every value of --name, in command-line order.
  [[nodiscard]] std::vector<std::string_view> get_all(std::string_view name) const;
  /// Whether the switch or flag --name was given.
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
};

/// "unknown flag --regoin (did you mean --region?)": the nearest flag of `specs` when close.
[[nodiscard]] std::string unknown_flag_message(std::string_view name,
                                               std::span<const flag_spec> specs);

/// Parses `args` (without the program and command names) against `specs`: '-' and '_' are
/// the same in a flag's name (--target-image is --target_image; the spec's spelling is what
/// get() and has() take). On a usage error
/// returns nullopt and sets `error` ("unknown flag --foo", "--bucket needs a value", ...).
/// "-h" and "--help" are always accepted.
[[nodiscard]] std::optional<parsed_args> parse_args(std::span<char* const> args,
                                                    std::span<const flag_spec> specs,
                                                    std::size_t max_positionals,
                                                    std::string& error);

/// "usage: objproc <usage>\n\n<summary>\n\noptions:\n  --flag VALUE   help\n..."
[[nodiscard]] std::string help_text(std::string_view usage, std::string_view summary,
                                    std::span<const flag_spec> specs);

/// Prints "objproc <command>: <message>" and a hint to stderr; returns exit_usage.
int usage_error(std::string_view command, std::string_view message);

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_ARGS_HPP
