#include "versiondialogs.h"
