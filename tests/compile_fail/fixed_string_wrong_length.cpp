// SPDX-License-Identifier: MIT
// A fixed_string<N> holds exactly N characters: a longer literal does not silently truncate.
// expect: (conversion from|no viable conversion|could not convert|no matching)
#include "objproc/core/fixed_string.hpp"

int main() {
  const objproc::fixed_string<3> s = "abcd";
  return static_cast<int>(s.size());
}
