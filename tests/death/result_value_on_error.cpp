// SPDX-License-Identifier: MIT
// Built with -fno-exceptions: value() on an error must print what happened and abort.
#include "objproc/core/result.hpp"

int main() {
  const objproc::result<int> r =
      objproc::error{objproc::errc::invalid_padding, 3, "wrong amount of '=' padding"};
  return r.value();  // aborts; never returns
}
