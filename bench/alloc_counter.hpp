// SPDX-License-Identifier: MIT
// Heap allocations counted per thread: bench/alloc_counter.cpp replaces the global operator
// new/delete of the bench binary. Per thread (not one shared atomic) so that counting adds no
// contention to the multi-threaded benchmarks it measures.
#ifndef OBJPROC_BENCH_ALLOC_COUNTER_HPP
#define OBJPROC_BENCH_ALLOC_COUNTER_HPP

#include <benchmark/benchmark.h>

#include <cstdint>

namespace objproc_bench {

/// operator new calls made by this thread so far (C++ heap only: OpenSSL's malloc is not seen).
[[nodiscard]] std::uint64_t allocations() noexcept;

/// Counts the allocations of one benchmark run and reports them per iteration ("allocs").
class alloc_meter {
 public:
  void report(benchmark::State& state) const {
    const auto n = static_cast<double>(allocations() - start_ - excluded_);
    state.counters["allocs"] = benchmark::Counter(n / static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kAvgThreads);
  }

  /// Leaves out what the benchmark does between pause() and resume() (its set-up).
  void pause() noexcept { paused_at_ = allocations(); }
  void resume() noexcept { excluded_ += allocations() - paused_at_; }

 private:
  std::uint64_t start_ = allocations();
  std::uint64_t excluded_ = 0;
  std::uint64_t paused_at_ = 0;
};

}  // namespace objproc_bench

#endif  // OBJPROC_BENCH_ALLOC_COUNTER_HPP
