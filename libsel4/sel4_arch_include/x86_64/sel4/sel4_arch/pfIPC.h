/* An empty header in seL4 16.0.0 too (the page-fault message's names are seL4_VMFault_*). */
#pragma once
