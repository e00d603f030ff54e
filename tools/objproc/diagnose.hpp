// SPDX-License-Identifier: MIT
// tools/objproc/diagnose.hpp - what the flag-driven commands share: the flags every one of them
// reads the same way, and how a failed build is shown to a person.
#ifndef OBJPROC_TOOLS_DIAGNOSE_HPP
#define OBJPROC_TOOLS_DIAGNOSE_HPP

#include <optional>
#include <string>

#include "args.hpp"
#include "operation.hpp"

namespace objproc_cli {

/// --region, --bucket, --key, --endpoint, --signature, --time into `in`; a usage problem
/// ("--time takes unix seconds") otherwise.
[[nodiscard]] std::optional<std::string> read_common_flags(const parsed_args& args,
                                                           operation_input& in);

/// Prints the failure to stderr: "objproc: <field>: <message>", and a caret diagnostic under
/// the text when the offset points into it. Returns exit_failed.
int report_failure(const build_failure& f);

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_DIAGNOSE_HPP
