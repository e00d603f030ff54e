// SPDX-License-Identifier: MIT
// A typed builder with an out-of-range value in a constant expression does not compile.
// expect: value_out_of_range
#include "objproc/oss/image.hpp"

int main() {
  constexpr auto style = objproc::oss::image::resize{.w = 0}.str();
  return static_cast<int>(style.view().size());
}
