// SPDX-License-Identifier: MIT
// tools/objproc/send.hpp - --send: the request goes out through the curl adapter and the answer
// is printed the way the vendors' samples print theirs (status code, request id, then the
// result's fields), or as the typed service error.
#ifndef OBJPROC_TOOLS_SEND_HPP
#define OBJPROC_TOOLS_SEND_HPP

#include <objproc/http/request.hpp>
#include <objproc/http/response.hpp>

#include "operation.hpp"

namespace objproc_cli {

/// Sends a signed request; exit_ok on a parsed success, exit_failed on a service error or a
/// transport failure, exit_usage when this build has no transport.
int send_and_report(const objproc::http::request& request, op_kind kind);

/// Says that this build cannot send ("built without libcurl"); returns exit_usage.
int report_no_transport();

/// Prints a response of `kind` (split out so it works without a transport); returns the exit
/// code as send_and_report does.
int report_response(const objproc::http::response& response, provider vendor, op_kind kind);

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_SEND_HPP
