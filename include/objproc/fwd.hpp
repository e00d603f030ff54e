// SPDX-License-Identifier: MIT
// objproc/fwd.hpp - forward declarations of the public types, for signatures that only name them.
#ifndef OBJPROC_FWD_HPP
#define OBJPROC_FWD_HPP

#include <cstddef>
#include <cstdint>

#include "objproc/config.hpp"

OBJPROC_NAMESPACE_BEGIN

enum class errc : std::uint16_t;
struct error;
template <class T>
class result;
template <std::size_t N>
struct fixed_string;
struct utc_time;

namespace crypto {
struct portable;
}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_FWD_HPP
