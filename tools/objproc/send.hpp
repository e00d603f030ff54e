// SPDX-License-Identifier: MIT
// tools/objproc/send.hpp - --send: the operation goes out through objproc::client and the curl
// adapter (the retry policy, Retry-After, clock-skew correction; every attempt signed afresh),
// and the answer is printed the way the vendors' samples print theirs (status code, request
// id, then the result's fields), or as the typed service error with the attempts made.
#ifndef OBJPROC_TOOLS_SEND_HPP
#define OBJPROC_TOOLS_SEND_HPP

#include <chrono>

#include "operation.hpp"

namespace objproc_cli {

struct send_settings {
  std::chrono::milliseconds timeout{120000};         // --timeout: one attempt, connect included
  std::chrono::milliseconds connect_timeout{10000};  // --connect-timeout
  int retries = 2;                                   // --retries: attempts after the first
  bool retry_async_after_send = false;  // --retry-async: may start a second asynchronous task
  bool json = false;                    // --json: the answer as one JSON line (jsonl schema)
};

/// Checks `in` (as build() does), then sends it; exit_ok on a parsed success, exit_failed on a
/// bad input, a service error or a transport failure, exit_usage when this build has no
/// transport. The signing time of the first attempt is in.time; later attempts use the clock.
int send_operation(const operation_input& in, const send_settings& settings);

/// Says that this build cannot send ("built without libcurl"); returns exit_usage.
int report_no_transport();

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_SEND_HPP
