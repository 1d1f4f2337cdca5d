#include "settingsdialog.h"
