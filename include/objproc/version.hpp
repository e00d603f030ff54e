// SPDX-License-Identifier: MIT
// objproc/version.hpp - version macros and the versioned inline namespace.
//
// Every public entity lives in objproc::abi_v<major>_<minor>_<patch> (an inline namespace), so
// two copies of different versions in one program (a split include/ and an older single header,
// say) are different types instead of a silent ODR violation (the nlohmann/json technique).
#ifndef OBJPROC_VERSION_HPP
#define OBJPROC_VERSION_HPP

#define OBJPROC_VERSION_MAJOR 0
#define OBJPROC_VERSION_MINOR 1
#define OBJPROC_VERSION_PATCH 0
// One integer for easy comparison: major * 10000 + minor * 100 + patch.
#define OBJPROC_VERSION \
  (OBJPROC_VERSION_MAJOR * 10000 + OBJPROC_VERSION_MINOR * 100 + OBJPROC_VERSION_PATCH)

// A second, different copy already seen in this translation unit.
#if defined(OBJPROC_SEEN_VERSION) && OBJPROC_SEEN_VERSION != OBJPROC_VERSION && \
    !defined(OBJPROC_SKIP_VERSION_CHECK)
#  warning "objproc: a different version of the library was already included"
#endif
#ifndef OBJPROC_SEEN_VERSION
#  define OBJPROC_SEEN_VERSION OBJPROC_VERSION
#endif

#define OBJPROC_DETAIL_ABI_NAME3(ma, mi, pa) abi_v##ma##_##mi##_##pa
#define OBJPROC_DETAIL_ABI_NAME(ma, mi, pa) OBJPROC_DETAIL_ABI_NAME3(ma, mi, pa)

// The inline namespace name, e.g. abi_v0_1_0. Overridable for vendored copies.
#ifndef OBJPROC_ABI_NAMESPACE
#  define OBJPROC_ABI_NAMESPACE \
    OBJPROC_DETAIL_ABI_NAME(OBJPROC_VERSION_MAJOR, OBJPROC_VERSION_MINOR, OBJPROC_VERSION_PATCH)
#endif

#ifndef OBJPROC_NAMESPACE_BEGIN
#  define OBJPROC_NAMESPACE_BEGIN \
    namespace objproc {           \
    inline namespace OBJPROC_ABI_NAMESPACE {
#  define OBJPROC_NAMESPACE_END \
    }                           \
    }
#endif

#endif  // OBJPROC_VERSION_HPP
