// HostWorld for GoogleTest: the derivation-tree check as an expectation.
#pragma once
#include <gtest/gtest.h>
#include "cspace/invariants.h"
#include "host_world.h"

struct CSpaceHarness : HostWorld {
    void expect_invariants() const {
        const char* why = core::check_cspace_invariants(root, word{1} << root_radix);
        EXPECT_EQ(why, nullptr) << why;
    }
};
