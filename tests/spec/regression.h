// What a regression test of the differential driver asserts: its steps run on both sides without a
// divergence, every one of them (no early stop for want of a runnable thread).
#pragma once
#include <gtest/gtest.h>
#include "differential.h"

inline void expect_agreement(const std::vector<diff::Step>& steps) {
    diff::Outcome out = diff::run(steps);
    EXPECT_EQ(out.divergence, "");
    EXPECT_EQ(out.steps, steps.size()) << "the run stopped early: no thread could run";
}
