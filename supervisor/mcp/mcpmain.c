#include "mcpmain.h"
int mcp_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 2;
}
