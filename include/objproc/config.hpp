// SPDX-License-Identifier: MIT
// objproc/config.hpp - feature detection and the user's overrides.
//
// Every macro follows one shape: if the user defined it, use that; otherwise detect.
//   OBJPROC_CONFIG_FILE      a header included first (engines keep their settings there)
//   OBJPROC_USE_EXCEPTIONS   0/1; detected from the compiler flags
//   OBJPROC_ABORT(msg)       what result<T>::value() does on an error without exceptions
//   OBJPROC_ALWAYS_INLINE    `inline`, and a request to inline every call (tiny functions on
//                            the signing path that g++ -O2 otherwise calls)
#ifndef OBJPROC_CONFIG_HPP
#define OBJPROC_CONFIG_HPP

#ifdef OBJPROC_CONFIG_FILE
#  include OBJPROC_CONFIG_FILE
#endif

#include "objproc/version.hpp"

#ifndef OBJPROC_USE_EXCEPTIONS
#  if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#    define OBJPROC_USE_EXCEPTIONS 1
#  else
#    define OBJPROC_USE_EXCEPTIONS 0
#  endif
#endif

#ifndef OBJPROC_ALWAYS_INLINE
#  if defined(__GNUC__) || defined(__clang__)
#    define OBJPROC_ALWAYS_INLINE __attribute__((always_inline)) inline
#  elif defined(_MSC_VER)
#    define OBJPROC_ALWAYS_INLINE __forceinline
#  else
#    define OBJPROC_ALWAYS_INLINE inline
#  endif
#endif

#if __cplusplus < 202002L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 202002L)
#  error "objproc requires C++20"
#endif

#endif  // OBJPROC_CONFIG_HPP
