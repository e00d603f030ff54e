// SPDX-License-Identifier: MIT
// The one precompiled Catch2 main shared by every test executable.
#define CATCH_CONFIG_MAIN
#if defined(CATCH_CONFIG_DISABLE_EXCEPTIONS)
// Catch2 2.13 defines its own throw_exception unless told that we provide it (below).
#  define CATCH_CONFIG_DISABLE_EXCEPTIONS_CUSTOM_HANDLER
#endif
#include <catch2/catch.hpp>

#if defined(CATCH_CONFIG_DISABLE_EXCEPTIONS)
#  include <cstdio>
#  include <cstdlib>
#  include <exception>
// Catch2 asks for this hook when built without exceptions: a failed REQUIRE ends the run.
namespace Catch {
[[noreturn]] void throw_exception(const std::exception& e) {
  std::fprintf(stderr, "test aborted (no exceptions): %s\n", e.what());
  std::abort();
}
}  // namespace Catch
#endif
