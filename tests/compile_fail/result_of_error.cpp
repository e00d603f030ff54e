// SPDX-License-Identifier: MIT
// result<error> would make "value" and "error" indistinguishable.
// expect: T must not be objproc::error
#include "objproc/core/result.hpp"

int main() {
  objproc::result<objproc::error> r = objproc::error{};
  return r.has_value() ? 0 : 1;
}
