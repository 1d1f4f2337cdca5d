#include "storedialog.h"
