// SPDX-License-Identifier: MIT
// tools/objproc/commands.hpp - one function per command; each takes the arguments after the
// command name and returns the process exit code (see args.hpp).
#ifndef OBJPROC_TOOLS_COMMANDS_HPP
#define OBJPROC_TOOLS_COMMANDS_HPP

#include <span>

namespace objproc_cli {

int run_validate(std::span<char* const> args);
int run_presign(std::span<char* const> args);
int run_process(std::span<char* const> args);
int run_async_process(std::span<char* const> args);
int run_ci_put(std::span<char* const> args);
int run_ci_process(std::span<char* const> args);
int run_sign(std::span<char* const> args);

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_COMMANDS_HPP
