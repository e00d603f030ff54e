// SPDX-License-Identifier: MIT
// objproc/core/callback.hpp - objproc::callback<R(Args...)>: a copyable type-erased callable,
// what the asynchronous API (http::completion, client::completion_for, the timers) passes around.
//
// Why not std::function: with libstdc++ 12, C++20 <functional> also brings <unordered_map>,
// <vector>, <array> and the classic algorithms, about 5% of what including objproc costs (g++'s
// memory, bench/README.md "include cost"), for one class template. callback does what objproc
// and its transports ask of std::function, source-compatibly for them: built from any copyable
// callable (a lambda, a function pointer, a std::function), copied, moved, reset with nullptr,
// tested with operator bool, called. It converts to std::function (it is a copyable callable),
// so a transport whose schedule_after takes a std::function<void()> still models async_timer.
// Not provided: target(), target_type(), member pointers as targets (nothing here needs them).
//
// Calling an empty callback aborts (std::function throws bad_function_call: not available under
// -fno-exceptions). Targets up to four pointers in size whose moves cannot throw are stored in
// place (the client's lambdas: a shared_ptr and an int or two); larger ones on the heap.
#ifndef OBJPROC_CORE_CALLBACK_HPP
#define OBJPROC_CORE_CALLBACK_HPP

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

#include "objproc/config.hpp"

OBJPROC_NAMESPACE_BEGIN

template <class Signature>
class callback;

template <class R, class... Args>
class callback<R(Args...)> {
  static constexpr std::size_t buffer_size = 4 * sizeof(void*);

  template <class F>
  static constexpr bool stored_in_place = sizeof(F) <= buffer_size &&
                                          alignof(F) <= alignof(void*) &&
                                          std::is_nothrow_move_constructible_v<F>;

  // One table per target type: how to call, copy, move and destroy what the buffer holds.
  struct operations {
    R (*call)(void* target, Args&&... args);
    void (*copy)(const void* from, void* to);
    void (*move)(void* from, void* to) noexcept;  // leaves `from` to be destroyed
    void (*destroy)(void* target) noexcept;
  };

  template <class F>
  struct in_place {
    static F& get(void* p) noexcept { return *std::launder(static_cast<F*>(p)); }
    static R call(void* p, Args&&... args) { return invoke(get(p), std::forward<Args>(args)...); }
    static void copy(const void* from, void* to) {
      ::new (to) F(*std::launder(static_cast<const F*>(from)));
    }
    static void move(void* from, void* to) noexcept { ::new (to) F(std::move(get(from))); }
    static void destroy(void* p) noexcept { get(p).~F(); }
    static constexpr operations table{&call, &copy, &move, &destroy};
  };

  template <class F>
  struct on_heap {  // the buffer holds an F*
    static F*& get(void* p) noexcept { return *std::launder(static_cast<F**>(p)); }
    static R call(void* p, Args&&... args) { return invoke(*get(p), std::forward<Args>(args)...); }
    static void copy(const void* from, void* to) {
      ::new (to) F*(new F(**std::launder(static_cast<F* const*>(from))));
    }
    static void move(void* from, void* to) noexcept {
      ::new (to) F*(std::exchange(get(from), nullptr));
    }
    static void destroy(void* p) noexcept { delete get(p); }
    static constexpr operations table{&call, &copy, &move, &destroy};
  };

  template <class F>
  static R invoke(F& f, Args&&... args) {
    if constexpr (std::is_void_v<R>)
      f(std::forward<Args>(args)...);  // a result, if any, is dropped (as by std::function)
    else
      return f(std::forward<Args>(args)...);
  }

 public:
  using result_type = R;

  callback() noexcept = default;
  callback(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor): as std::function

  // The constraints are checked in order and stop at the first false one (as in std::function):
  // asking is_copy_constructible of a type that converts to callback would recurse.
  /// Wraps a copy of f (moved in when given an rvalue). A null function pointer gives an empty
  /// callback, as it gives an empty std::function.
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, callback>) &&
          (!std::is_member_pointer_v<std::decay_t<F>>) &&
          std::is_invocable_r_v<R, std::decay_t<F>&, Args...> &&
          std::is_copy_constructible_v<std::decay_t<F>>
  callback(F&& f) {  // NOLINT(google-explicit-constructor): lambdas convert, as to std::function
    using T = std::decay_t<F>;
    if constexpr (std::is_pointer_v<std::remove_cvref_t<F>>) {  // not for a function reference
      if (f == nullptr) return;
    }
    if constexpr (stored_in_place<T>) {
      ::new (static_cast<void*>(buffer_)) T(std::forward<F>(f));
      ops_ = &in_place<T>::table;
    } else {
      ::new (static_cast<void*>(buffer_)) T*(new T(std::forward<F>(f)));
      ops_ = &on_heap<T>::table;
    }
  }

  callback(const callback& other) {
    if (other.ops_ == nullptr) return;
    other.ops_->copy(other.buffer_, buffer_);
    ops_ = other.ops_;
  }
  callback(callback&& other) noexcept : ops_(other.ops_) {
    if (ops_ == nullptr) return;
    ops_->move(other.buffer_, buffer_);
    other.reset();
  }
  callback& operator=(const callback& other) {
    if (this != &other) callback(other).swap(*this);
    return *this;
  }
  callback& operator=(callback&& other) noexcept {
    if (this != &other) {
      reset();
      if (other.ops_ != nullptr) {
        other.ops_->move(other.buffer_, buffer_);
        ops_ = other.ops_;
        other.reset();
      }
    }
    return *this;
  }
  callback& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, callback>) &&
          (!std::is_member_pointer_v<std::decay_t<F>>) &&
          std::is_invocable_r_v<R, std::decay_t<F>&, Args...> &&
          std::is_copy_constructible_v<std::decay_t<F>>
  callback& operator=(F&& f) {
    callback(std::forward<F>(f)).swap(*this);
    return *this;
  }
  ~callback() { reset(); }

  void swap(callback& other) noexcept {
    if (this == &other) return;
    callback moved(std::move(other));  // other is empty now
    if (ops_ != nullptr) {
      ops_->move(buffer_, other.buffer_);
      other.ops_ = ops_;
      reset();
    }
    if (moved.ops_ != nullptr) {
      moved.ops_->move(moved.buffer_, buffer_);
      ops_ = moved.ops_;
      moved.reset();
    }
  }
  friend void swap(callback& a, callback& b) noexcept { a.swap(b); }

  [[nodiscard]] explicit operator bool() const noexcept { return ops_ != nullptr; }
  [[nodiscard]] friend bool operator==(const callback& f, std::nullptr_t) noexcept {
    return f.ops_ == nullptr;
  }

  /// Calls the target (as std::function, through a const callback too). Aborts when empty.
  R operator()(Args... args) const {
    if (ops_ == nullptr) std::abort();
    return ops_->call(buffer_, std::forward<Args>(args)...);
  }

 private:
  // Destroys the target (the moved-from shell after a move); leaves the callback empty.
  void reset() noexcept {
    if (ops_ == nullptr) return;
    ops_->destroy(buffer_);
    ops_ = nullptr;
  }

  const operations* ops_ = nullptr;
  alignas(void*) mutable unsigned char buffer_[buffer_size];
};

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_CALLBACK_HPP
