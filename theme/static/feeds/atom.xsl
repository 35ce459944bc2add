<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed from plugins/pressroom/feeds as a readable page when it is opened in a browser.
     Feed readers ignore it. It lists titles, dates and standfirsts; the full text is for readers. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="yes"/>

  <xsl:template match="/atom:feed">
    <html lang="{@xml:lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> (feed)</title>
        <!-- feed.css sits beside this file: its folder is read from the feed's xml-stylesheet instruction. -->
        <xsl:variable name="folder" select="substring-before(substring-after(/processing-instruction('xml-stylesheet'), 'href=&quot;'), 'atom.xsl')"/>
        <link rel="stylesheet" href="{$folder}feed.css"/>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p><xsl:value-of select="atom:subtitle"/></p>
          <div class="about">
            <p>This is a web feed. To follow it, copy its address into your feed reader:
              <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
            <p><a href="{atom:link[@rel='alternate']/@href}">Read these releases on the website</a></p>
          </div>
          <h2>Latest releases</h2>
          <ul class="entries">
            <xsl:for-each select="atom:entry">
              <li>
                <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
                <!-- "2 Apr 2022", as the RSS view writes it: day without a leading zero, month abbreviated, year. -->
                <p><time datetime="{atom:published}"><xsl:value-of select="concat(number(substring(atom:published, 9, 2)), ' ', substring('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * number(substring(atom:published, 6, 2)) - 2, 3), ' ', substring(atom:published, 1, 4))"/></time></p>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
