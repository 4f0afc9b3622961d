#!/usr/bin/python3
"""Save a workbook as a password-protected (encrypted) .xlsx with LibreOffice, over UNO.

Usage: /usr/bin/python3 libreoffice_encrypt.py IN OUT PROFILE_FOLDER
`soffice --convert-to` cannot set a password; LibreOffice's own "save with password" for
OOXML is the EncryptionData media property (an ECMA-376 encrypted package in an OLE
container, as Excel writes it). Needs python3-uno (the system Python's LibreOffice bridge).
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def main() -> int:
    source, target, profile = (os.path.abspath(p) for p in sys.argv[1:4])
    pipe = "vtjsheet%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "-env:UserInstallation=file://" + profile,
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        deadline = time.monotonic() + 120
        while context is None:
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            except Exception:
                if time.monotonic() > deadline or office.poll() is not None:
                    raise
                time.sleep(0.1)  # soffice is still starting: poll its pipe
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
        secret = uno.Any("[]com.sun.star.beans.NamedValue",
                         (NamedValue("OOXPassword", "salasana"), NamedValue("CryptoType", "StrongEncryptionDataSpace")))
        properties = uno.Any("[]com.sun.star.beans.PropertyValue",
                             (prop("FilterName", "Calc MS Excel 2007 XML"), prop("EncryptionData", secret)))
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target), properties))
        document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as soffice exits
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
